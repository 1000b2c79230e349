using System.ComponentModel.DataAnnotations;

namespace HnlService.Infrastructure.Hosting;

/// <summary>Request body limits of the upload endpoints, in bytes; a larger body is answered with 413.</summary>
public sealed class UploadOptions
{
    [Range(1, long.MaxValue)]
    public long MaxDatasetBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxModelBytes { get; set; } = 512L * 1024 * 1024;
}
