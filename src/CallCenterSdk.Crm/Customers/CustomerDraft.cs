namespace CallCenterSdk.Crm.Customers;

/// <summary>The writable part of a customer: what create and update take. Numbers may be in any
/// common notation; the store normalises them to E.164 with the tenant's dial plan.</summary>
/// <param name="Name">Display name (required, at most 200 characters).</param>
/// <param name="Company">Company, if any.</param>
/// <param name="Email">E-mail address, if any.</param>
/// <param name="PhoneNumbers">Phone numbers as written; each must be unique within the tenant.</param>
/// <param name="CustomFields">Values for the tenant's custom fields, by field name.</param>
public sealed record CustomerDraft(
    string Name,
    string? Company = null,
    string? Email = null,
    IReadOnlyList<string>? PhoneNumbers = null,
    IReadOnlyDictionary<string, string>? CustomFields = null);
