using CallCenterSdk.Acd;
using CallCenterSdk.Crm;
using CallCenterSdk.Hosting.Calls;
using Microsoft.AspNetCore.Http;

namespace CallCenterSdk.Hosting.Api;

/// <summary>ProblemDetails answers for refusals.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not allowed in this state");

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    /// <summary>Runs an ACD operation; an illegal transition becomes 409 with the engine's message.</summary>
    public static IResult Acd(Func<IResult> operation)
    {
        try
        {
            return operation();
        }
        catch (AcdException e) when (e.Error is AcdError.UnknownAgent or AcdError.UnknownContact)
        {
            return NotFound(e.Message);
        }
        catch (AcdException e)
        {
            return Conflict(e.Message);
        }
    }

    /// <summary>Runs a CRM operation; validation, not-found and access-denied become 400, 404 and 403.</summary>
    public static async Task<IResult> Crm(Func<Task<IResult>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (CrmValidationException e)
        {
            return BadRequest(e.Message);
        }
        catch (FormatException e)
        {
            return BadRequest(e.Message);
        }
        catch (CrmNotFoundException e)
        {
            return NotFound(e.Message);
        }
        catch (CrmAccessDeniedException e)
        {
            return Forbidden(e.Message);
        }
    }

    /// <summary>The HTTP answer to a call action.</summary>
    public static IResult From(CallActionResult result) => result.Status switch
    {
        CallActionStatus.Accepted => Results.Accepted(value: result),
        CallActionStatus.NotFound => NotFound(result.Detail ?? "No such call."),
        CallActionStatus.Conflict => Conflict(result.Detail ?? "The call does not allow this now."),
        CallActionStatus.Invalid => BadRequest(result.Detail ?? "Invalid target."),
        CallActionStatus.PeerFailed => Results.Problem(result.Detail, statusCode: StatusCodes.Status502BadGateway, title: "The phone did not carry it out"),
        _ => Results.Problem(result.Detail, statusCode: StatusCodes.Status501NotImplemented, title: "Call control not available"),
    };

    public static bool IsToken(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
