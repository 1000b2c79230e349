namespace HnlService.Api.Errors;

/// <summary>A request that the resource's current state does not allow, such as curves of an unfinished analysis; answered with 409.</summary>
public sealed class ResourceConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
