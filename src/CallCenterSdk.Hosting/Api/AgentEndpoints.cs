using System.Globalization;
using System.Security.Claims;
using CallCenterSdk.Acd;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenterSdk.Hosting.Api;

/// <summary>The agent desk: <c>/api/tenants/{tenant}/agent/...</c>, acting as the signed-in user's own agent.</summary>
internal static class AgentEndpoints
{
    public static void Map(RouteGroupBuilder tenant)
    {
        var g = tenant.MapGroup("/agent").RequireAuthorization(CallCenterPolicies.Agent);
        g.MapGet("/", (HttpContext http, ClaimsPrincipal user, ViewBuilder views) =>
            Problems.Acd(() => Results.Ok(views.Agent(TenantScopeFilter.Of(http), CallCenterClaims.AgentOf(user)!))));
        g.MapPost("/login", (HttpContext http, ClaimsPrincipal user, AgentLoginRequest? body) =>
        {
            var reason = body?.Ready == true ? null : body?.Reason ?? "login";
            if (reason is not null && !Problems.IsToken(reason, 32))
            {
                return Problems.BadRequest("reason must be 1-32 letters, digits, '-' or '_'.");
            }

            return Act(http, user, (e, a) => e.Login(a, reason));
        });
        g.MapPost("/logout", (HttpContext http, ClaimsPrincipal user) => Act(http, user, (e, a) => e.Logout(a)));
        g.MapPost("/ready", (HttpContext http, ClaimsPrincipal user) => Act(http, user, (e, a) => e.SetReady(a)));
        g.MapPost("/not-ready", (HttpContext http, ClaimsPrincipal user, NotReadyRequest? body) =>
            Problems.IsToken(body?.Reason, 32)
                ? Act(http, user, (e, a) => e.SetNotReady(a, body!.Reason!))
                : Problems.BadRequest("reason must be 1-32 letters, digits, '-' or '_'."));
        g.MapPost("/break", (HttpContext http, ClaimsPrincipal user) => Act(http, user, (e, a) => e.SetNotReady(a, NotReadyReasons.Break)));
        g.MapPost("/wrap-up", WrapUpAsync);
        g.MapGet("/screen-pop", ScreenPopAsync);

        g.MapPost("/answer", (ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            Call(calls.AnswerAsync(CallCenterRequestContext.Actor(user), ct)));
        g.MapPost("/calls/{callId}/hold", (string callId, ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            Call(calls.HoldAsync(CallCenterRequestContext.Actor(user), callId, ct)));
        g.MapPost("/calls/{callId}/resume", (string callId, ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            Call(calls.ResumeAsync(CallCenterRequestContext.Actor(user), callId, ct)));
        g.MapPost("/calls/{callId}/hangup", (string callId, ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            Call(calls.HangUpAsync(CallCenterRequestContext.Actor(user), callId, ct)));
        g.MapPost("/calls/{callId}/transfer", (string callId, TransferRequest? body, ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body?.Target)
                ? Task.FromResult(Problems.BadRequest("target is required."))
                : Call(calls.TransferAsync(CallCenterRequestContext.Actor(user), callId, body.Target, body.Attended, ct)));
        g.MapPost("/calls/{callId}/conference", (string callId, ConferenceRequest? body, ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body?.Target)
                ? Task.FromResult(Problems.BadRequest("target is required."))
                : Call(calls.ConferenceAsync(CallCenterRequestContext.Actor(user), callId, body.Target, ct)));
        g.MapPost("/dial", (DialRequest? body, ClaimsPrincipal user, ICallCenterCalls calls, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body?.Number) || !body.Number.TrimStart('+').All(c => char.IsAsciiDigit(c) || c is '*' or '#')
                ? Task.FromResult(Problems.BadRequest("number must be digits (with an optional leading '+', '*' or '#')."))
                : Call(calls.DialAsync(CallCenterRequestContext.Actor(user), body.Number, ct)));
    }

    private static IResult Act(HttpContext http, ClaimsPrincipal user, Action<AcdEngine, AgentId> operation)
    {
        var tenant = TenantScopeFilter.Of(http);
        var agent = new AgentId(tenant.Tenant, CallCenterClaims.AgentOf(user)!);
        return Problems.Acd(() =>
        {
            tenant.Execute(e => operation(e, agent));
            return Results.Ok(http.RequestServices.GetRequiredService<ViewBuilder>().Agent(tenant, agent.Name));
        });
    }

    private static async Task<IResult> Call(Task<CallActionResult> action) => Problems.From(await action.ConfigureAwait(false));

    private static Task<IResult> ScreenPopAsync(HttpContext http, ClaimsPrincipal user, string? number, string? call, CrmStoreHost crm, CancellationToken ct) => Problems.Crm(async () =>
    {
        var scope = TenantScopeFilter.Of(http);
        if (string.IsNullOrWhiteSpace(number) && !string.IsNullOrWhiteSpace(call))
        {
            // The desk knows its call only by id: real-time events carry the caller number masked.
            number = CallerOfOwnContact(scope, new AgentId(scope.Tenant, CallCenterClaims.AgentOf(user)!), call);
            if (number is null)
            {
                return Problems.NotFound("No such call for this agent.");
            }
        }

        if (string.IsNullOrWhiteSpace(number))
        {
            return Problems.BadRequest("number or call is required.");
        }

        var tenant = CallCenterRequestContext.Crm(scope);
        var customer = await crm.Store.Customers.FindByPhoneAsync(tenant, number, CrmRole.Agent, ct).ConfigureAwait(false);
        if (customer is null)
        {
            return Problems.NotFound("No customer has that number.");
        }

        var history = await crm.Store.Customers.GetContactHistoryAsync(tenant, customer.Id, new PageRequest(10), ct).ConfigureAwait(false);
        return Results.Ok(new { customer, history = history.Items });
    });

    private static Task<IResult> WrapUpAsync(HttpContext http, ClaimsPrincipal user, WrapUpRequest? body, CrmStoreHost crm, CancellationToken ct) => Problems.Crm(async () =>
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Notes) || body.Notes.Length > 4000)
        {
            return Problems.BadRequest("notes are required (at most 4000 characters).");
        }

        var tenant = TenantScopeFilter.Of(http);
        var agent = new AgentId(tenant.Tenant, CallCenterClaims.AgentOf(user)!);
        ContactId? contact = null;
        if (body.Contact is not null)
        {
            var prefix = tenant.Tenant.Value + "/c";
            if (!body.Contact.StartsWith(prefix, StringComparison.Ordinal)
                || !long.TryParse(body.Contact.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return Problems.NotFound($"Contact '{body.Contact}' does not exist.");
            }

            contact = new ContactId(tenant.Tenant, sequence);
        }

        long? customerId = null;
        var number = body.CallerNumber;
        var numberOfContact = false;
        if (string.IsNullOrWhiteSpace(number) && contact is { } own)
        {
            // Without a number the notes go to the customer who called on the agent's contact, if one is known.
            number = CallerOfOwnContact(tenant, agent, own.ToString());
            numberOfContact = true;
        }

        if (!string.IsNullOrWhiteSpace(number))
        {
            var crmTenant = CallCenterRequestContext.Crm(tenant);
            var customer = await crm.Store.Customers.FindByPhoneAsync(crmTenant, number, CrmRole.System, ct).ConfigureAwait(false);
            if (customer is null && !numberOfContact)
            {
                return Problems.NotFound("No customer has that number; the notes were not saved.");
            }

            if (customer is not null)
            {
                await crm.Store.Customers.AddContactAsync(crmTenant, new ContactRecord(
                    0, customer.Id, tenant.Time.GetUtcNow(), ContactChannel.Phone, Inbound: true, agent.Name, contact?.ToString(), body.Notes), ct).ConfigureAwait(false);
                customerId = customer.Id;
            }
        }

        if (body.EndWrapUp && contact is { } c)
        {
            var ended = Problems.Acd(() =>
            {
                tenant.Execute(e => e.EndWrapUp(agent, c));
                return Results.Ok();
            });
            if (ended is not Microsoft.AspNetCore.Http.HttpResults.Ok)
            {
                return ended;
            }
        }

        return Results.Ok(new { customer = customerId, saved = customerId is not null });
    });

    /// <summary>
    /// The caller number of a contact the agent is ringing for, talking to or wrapping up, named by its ACD
    /// contact id (<c>tenant/cN</c>) or by the call's external id (the caller leg's SIP Call-ID); null when the
    /// agent has no such contact.
    /// </summary>
    private static string? CallerOfOwnContact(TenantAcd tenant, AgentId agent, string call) => tenant.Execute(e =>
    {
        var own = e.GetAgentStatus(agent).Contacts;
        return e.ExportState().Contacts
            .FirstOrDefault(c => own.Contains(c.Id) && (c.Id.ToString() == call || c.Request.ExternalId == call))?.Request.CallerNumber;
    });
}
