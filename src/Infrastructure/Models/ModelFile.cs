namespace HnlService.Infrastructure.Models;

/// <summary>An uploaded ONNX file: the name the manifest uses for it and where it is on disk.</summary>
public sealed record ModelFile(string FileName, string FullPath);
