namespace CallCenterSdk.Sip.Headers;

/// <summary>One <c>;name[=value]</c> parameter (or one URI header <c>name=value</c>).</summary>
/// <param name="Name">The parameter name as written.</param>
/// <param name="Value">The value, or null for a flag parameter such as <c>lr</c> or <c>rport</c>.</param>
public readonly record struct SipParameter(string Name, string? Value);
