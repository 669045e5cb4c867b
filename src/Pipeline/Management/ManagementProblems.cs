namespace Akka.Ingest.Pipeline.Management;

/// <summary>The JSON problem bodies (RFC 9457) of the management endpoints.</summary>
public static class ManagementProblems
{
    public static IResult TokenRequired() =>
        Results.Problem(
            title: "Management token required",
            detail: "Management endpoints need 'Authorization: Bearer <token>' from every caller once Management:Token is set.",
            statusCode: StatusCodes.Status401Unauthorized);

    public static IResult LoopbackOnly() =>
        Results.Problem(
            title: "Management endpoints are loopback-only",
            detail: $"Set {ManagementOptions.Section}:Token to open them to other addresses (callers then send it as a bearer token).",
            statusCode: StatusCodes.Status403Forbidden);

    public static IResult HostNotAllowed() =>
        Results.Problem(
            title: "Host not allowed",
            detail: $"The management listener answers only the Host names in {ManagementOptions.Section}:AllowedHosts.",
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult InvalidArgument(string name, string reason) =>
        Results.Problem(
            title: "Invalid argument",
            detail: reason,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["argument"] = name });

    public static IResult NoActorAt(string path) =>
        Results.Problem(
            title: "No such actor",
            detail: $"No actor answered at {path}.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["path"] = path });
}
