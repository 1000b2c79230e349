namespace HnlService.Api.Errors;

/// <summary>A request body in a media type the endpoint does not read; the API returns 415.</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);
