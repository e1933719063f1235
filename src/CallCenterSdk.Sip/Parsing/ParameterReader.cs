using CallCenterSdk.Sip.Headers;

namespace CallCenterSdk.Sip.Parsing;

/// <summary>Builds <see cref="SipParameters"/> from <c>*( SEMI generic-param )</c>, values kept as written.</summary>
internal static class ParameterReader
{
    /// <summary>Reads every <c>;name[=value]</c> that follows the current position.</summary>
    public static SipParameters ReadAll(ref SipValueReader r)
    {
        List<SipParameter>? list = null;
        while (r.TrySkip((byte)';'))
        {
            r.ReadParameter(out var name, out var value);
            list ??= new List<SipParameter>(4);
            list.Add(new SipParameter(r.GetString(name), value.IsPresent ? SipText.Unfold(r.Slice(value)) : null));
        }

        return list is null ? SipParameters.Empty : new SipParameters(list);
    }
}
