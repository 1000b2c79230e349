namespace HnlService.Api.Errors;

/// <summary>A dataset, model, analysis or share token that does not exist; answered with 404.</summary>
public sealed class ResourceNotFoundException(string message) : Exception(message);
