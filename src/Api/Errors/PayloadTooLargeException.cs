namespace HnlService.Api.Errors;

/// <summary>An upload larger than its configured limit; answered with 413.</summary>
public sealed class PayloadTooLargeException(long limitBytes)
    : Exception($"The upload exceeds the limit of {limitBytes} bytes; raise the limit in the Upload configuration section or send a smaller file.")
{
    public long LimitBytes { get; } = limitBytes;
}
