namespace Akka.Ingest.Pipeline.Management;

/// <summary>The JSON problem bodies (RFC 9457) of the management endpoints.</summary>
public static class ManagementProblems
{
    public static IResult TokenRequired() =>
        Results.Problem(
            title: "Management token required",
            detail: "Management endpoints need 'Authorization: Bearer <token>' (or a browser session from /admin/login) from every caller once Management:Token is set.",
            statusCode: StatusCodes.Status401Unauthorized);

    public static IResult WrongToken() =>
        Results.Problem(
            title: "Wrong management token",
            detail: "The token given does not match Management:Token.",
            statusCode: StatusCodes.Status401Unauthorized);

    public static IResult TooManyLogins(TimeSpan wait) =>
        Results.Problem(
            title: "Too many wrong tokens",
            detail: $"Too many wrong tokens from this address: try again in {Math.Ceiling(wait.TotalSeconds)} s.",
            statusCode: StatusCodes.Status429TooManyRequests);

    public static IResult NoLoginWithoutToken() =>
        Results.Problem(
            title: "No management token configured",
            detail: "Management:Token is not set: the management endpoints serve loopback callers without a login.",
            statusCode: StatusCodes.Status404NotFound);

    public static IResult LoginNeedsForm() =>
        Results.Problem(
            title: "Form expected",
            detail: "POST the token as a form field: token=<token> (application/x-www-form-urlencoded).",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

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
