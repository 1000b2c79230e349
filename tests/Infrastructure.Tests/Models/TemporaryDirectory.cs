using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Models;

/// <summary>A directory under the system temp folder for test models, deleted with its files on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hnl-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a built model as fileName and returns it as an uploaded file.</summary>
    public ModelFile Save(OnnxModelBuilder model, string fileName) => SaveBytes(model.Build(), fileName);

    public ModelFile SaveBytes(byte[] content, string fileName)
    {
        var fullPath = System.IO.Path.Combine(Path, fileName);
        File.WriteAllBytes(fullPath, content);
        return new ModelFile(fileName, fullPath);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
