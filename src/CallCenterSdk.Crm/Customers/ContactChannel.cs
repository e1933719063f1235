namespace CallCenterSdk.Crm.Customers;

/// <summary>The channel of a contact with a customer.</summary>
public enum ContactChannel
{
    /// <summary>A phone call.</summary>
    Phone,

    /// <summary>An e-mail.</summary>
    Email,

    /// <summary>A web chat.</summary>
    Chat,

    /// <summary>A visit or field service.</summary>
    Visit,

    /// <summary>Anything else.</summary>
    Other,
}
