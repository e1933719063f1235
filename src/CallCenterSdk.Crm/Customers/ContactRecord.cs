namespace CallCenterSdk.Crm.Customers;

/// <summary>One entry of a customer's contact history.</summary>
/// <param name="Id">Store-assigned id (0 when adding).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="At">When the contact happened.</param>
/// <param name="Channel">Phone, e-mail, chat...</param>
/// <param name="Inbound">True when the customer contacted the center.</param>
/// <param name="Agent">The agent who handled it, if any.</param>
/// <param name="CallId">The call id of the CDR, for phone contacts.</param>
/// <param name="Summary">What it was about (at most 4000 characters).</param>
public sealed record ContactRecord(
    long Id,
    long CustomerId,
    DateTimeOffset At,
    ContactChannel Channel,
    bool Inbound,
    string? Agent,
    string? CallId,
    string Summary);
