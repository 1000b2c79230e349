using HnlService.Api.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace HnlService.Api.Uploads;

/// <summary>Applies an endpoint's body limit before the body is read.</summary>
public static class UploadLimits
{
    /// <summary>Room for multipart boundaries, part headers and form fields on top of the file limit.</summary>
    public const long EnvelopeBytes = 1024 * 1024;

    /// <exception cref="PayloadTooLargeException">Content-Length already exceeds the limit.</exception>
    public static void Apply(HttpContext context, long fileLimitBytes)
    {
        var bodyLimit = fileLimitBytes + EnvelopeBytes;
        if (context.Request.ContentLength > bodyLimit)
        {
            throw new PayloadTooLargeException(fileLimitBytes);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = bodyLimit;
        }
    }
}
