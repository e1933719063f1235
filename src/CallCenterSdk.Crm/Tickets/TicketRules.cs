namespace CallCenterSdk.Crm.Tickets;

/// <summary>Checks ticket input before any store writes it.</summary>
internal static class TicketRules
{
    public static void Validate(TicketDraft draft, string actor)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(draft.Subject) || draft.Subject.Length > 300)
        {
            throw new CrmValidationException("subject", "is required and at most 300 characters");
        }

        if (!Enum.IsDefined(draft.Kind) || !Enum.IsDefined(draft.Priority))
        {
            throw new CrmValidationException("kind", "unknown kind or priority");
        }

        RequireActor(actor);
    }

    public static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > 128)
        {
            throw new CrmValidationException("actor", "is required and at most 128 characters");
        }
    }
}
