using System.Text.Json;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Json;
using HnlService.Infrastructure.Models;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HnlService.Api.Errors;

/// <summary>
/// Turns the few error types of the service into problem details: validation 422, not found 404,
/// conflict 409, too large 413 and malformed requests 400. Anything else falls through to the default 500.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        LogRejected(
            httpContext.Request.Method,
            httpContext.Request.Path,
            problem.Status ?? 0,
            problem.Extensions.TryGetValue("code", out var code) ? code as string : null,
            problem.Extensions.TryGetValue("errors", out var errors) && errors is IReadOnlyDictionary<string, string[]> fields
                ? string.Join(", ", fields.Keys)
                : null);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        RequestValidationException validation => Validation("Invalid request", validation.Message, validation.Code, validation.Errors),
        DatasetValidationException dataset => DatasetProblem(dataset),
        ModelValidationException model => Validation(
            "Invalid model", model.Message, model.Code, Errors(model.Target ?? "manifest", model.Message)),
        ResourceNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message, "not-found"),
        ResourceConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message, conflict.Code),
        UnsupportedMediaTypeException unsupported => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", unsupported.Message, "unsupported-media-type"),
        PayloadTooLargeException tooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", tooLarge.Message, "payload-too-large"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } badRequest =>
            Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", badRequest.Message, "payload-too-large"),
        BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } badRequest when badRequest.Message.Contains("no body was provided", StringComparison.Ordinal) =>
            Problem(StatusCodes.Status400BadRequest, "Bad request", "The request body is empty; send the request as JSON.", "missing-body"),
        BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "Bad request", badRequest.Message, "bad-request"),
        _ => null,
    };

    private static ProblemDetails DatasetProblem(DatasetValidationException dataset)
    {
        var problem = Validation("Invalid dataset", dataset.Message, dataset.Code, Errors(dataset.Column ?? "file", dataset.Message));
        if (dataset.Row is { } row)
        {
            problem.Extensions["row"] = row;
        }

        return problem;
    }

    // System.Text.Json reports the failing member as a JSON path such as "$.binning.initialBins"; the
    // errors key drops the "$." so that it reads like the field names of 422 responses.
    private static ProblemDetails InvalidJson(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        var detail = $"The request body is not valid for this endpoint at '{field}': {JsonErrorText.Describe(json)}";
        var problem = Problem(StatusCodes.Status400BadRequest, "Invalid JSON", detail, "invalid-json");
        problem.Extensions["errors"] = Errors(field, detail);
        return problem;
    }

    private static Dictionary<string, string[]> Errors(string key, string message) => new() { [key] = [message] };

    private static ProblemDetails Validation(string title, string detail, string code, IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = Problem(StatusCodes.Status422UnprocessableEntity, title, detail, code);
        problem.Extensions["errors"] = errors;
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string detail, string code)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Method} {Path} rejected with {StatusCode} {Code} on {Fields}")]
    private partial void LogRejected(string method, string path, int statusCode, string? code, string? fields);
}
