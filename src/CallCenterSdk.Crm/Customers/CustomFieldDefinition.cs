namespace CallCenterSdk.Crm.Customers;

/// <summary>A custom field a tenant defines on its customers.</summary>
/// <param name="Name">Field name: letters, digits and '_', 1 to 64 characters, starting with a letter.</param>
/// <param name="Type">Value type.</param>
/// <param name="Required">Whether every customer must have a value.</param>
public sealed record CustomFieldDefinition(string Name, CustomFieldType Type, bool Required = false);
