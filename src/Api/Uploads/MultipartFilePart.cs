namespace HnlService.Api.Uploads;

/// <summary>A file part of a multipart body, readable once, with the text fields that preceded it.</summary>
public sealed record MultipartFilePart(string Name, string FileName, Stream Content, IReadOnlyDictionary<string, string> FieldsBefore);
