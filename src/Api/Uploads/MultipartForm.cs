using System.Text;
using HnlService.Api.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HnlService.Api.Uploads;

/// <summary>
/// Reads a multipart/form-data body section by section straight from the request stream, so a large
/// file part is never buffered in memory. Text fields are collected; file parts go to a callback.
/// </summary>
public static class MultipartForm
{
    /// <summary>Largest text field accepted, such as a manifest or channel mapping.</summary>
    public const int MaxFieldBytes = 4 * 1024 * 1024;

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <param name="onFile">Receives each file part with the text fields read before it.</param>
    /// <param name="fileFieldNames">Names of file parts to read as text fields (for example a manifest sent as a file).</param>
    public static async Task<Dictionary<string, string>> ReadAsync(
        HttpRequest request,
        Func<MultipartFilePart, Task> onFile,
        IReadOnlySet<string> fileFieldNames,
        CancellationToken cancellationToken)
    {
        var boundary = GetBoundary(request);
        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);

        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (fileName is not null && !fileFieldNames.Contains(name))
            {
                await onFile(new MultipartFilePart(name, Path.GetFileName(fileName), section.Body, new Dictionary<string, string>(fields)));
            }
            else
            {
                fields[name] = await ReadFieldAsync(name, section.Body, cancellationToken);
            }
        }

        return fields;
    }

    private static string GetBoundary(HttpRequest request)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            ? HeaderUtilities.RemoveQuotes(contentType.Boundary).Value
            : null;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw RequestValidationException.For("Content-Type", "missing-boundary", "The multipart/form-data Content-Type has no boundary.");
        }

        return boundary;
    }

    private static async Task<string> ReadFieldAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        using var limited = new LimitedReadStream(body, MaxFieldBytes);
        using var text = new StreamReader(limited, Encoding.UTF8);
        try
        {
            return await text.ReadToEndAsync(cancellationToken);
        }
        catch (PayloadTooLargeException)
        {
            throw RequestValidationException.For(name, "field-too-large", $"Form field '{name}' exceeds {MaxFieldBytes} bytes.");
        }
    }
}
