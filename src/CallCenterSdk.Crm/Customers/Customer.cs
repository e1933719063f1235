namespace CallCenterSdk.Crm.Customers;

/// <summary>A customer record as stored: phone numbers in E.164, custom fields by name.</summary>
/// <param name="Id">Store-assigned id, unique within the tenant's store.</param>
/// <param name="Name">Display name.</param>
/// <param name="Company">Company, if any.</param>
/// <param name="Email">E-mail address, if any.</param>
/// <param name="PhoneNumbers">Phone numbers in E.164 (masked for roles the masking policy names).</param>
/// <param name="CustomFields">Values of the tenant's custom fields, by field name.</param>
/// <param name="CreatedAt">When the record was created.</param>
/// <param name="UpdatedAt">When the record was last changed.</param>
public sealed record Customer(
    long Id,
    string Name,
    string? Company,
    string? Email,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyDictionary<string, string> CustomFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
