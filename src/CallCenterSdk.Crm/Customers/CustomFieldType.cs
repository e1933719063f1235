namespace CallCenterSdk.Crm.Customers;

/// <summary>The type of a custom field; values are stored as invariant-culture text.</summary>
public enum CustomFieldType
{
    /// <summary>Free text (at most 2000 characters).</summary>
    Text,

    /// <summary>A decimal number written with '.' as the separator.</summary>
    Number,

    /// <summary>A calendar date written yyyy-MM-dd.</summary>
    Date,

    /// <summary>"true" or "false".</summary>
    Boolean,
}
