using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Sip.Tests.Sdp;

/// <summary>Field-by-field comparison of two descriptions, independent of the serializer.</summary>
internal static class SdpStructure
{
    public static void AssertEqual(SessionDescription expected, SessionDescription actual)
    {
        Assert.Equal(expected.Origin, actual.Origin);
        Assert.Equal(expected.SessionName, actual.SessionName);
        Assert.Equal(expected.Information, actual.Information);
        Assert.Equal(expected.Uri, actual.Uri);
        Assert.Equal(expected.Emails, actual.Emails);
        Assert.Equal(expected.Phones, actual.Phones);
        Assert.Equal(expected.Connection, actual.Connection);
        Assert.Equal(expected.Bandwidths, actual.Bandwidths);
        Assert.Equal(expected.Timings.Select(t => (t.StartTime, t.StopTime, string.Join("|", t.Repeats))), actual.Timings.Select(t => (t.StartTime, t.StopTime, string.Join("|", t.Repeats))));
        Assert.Equal(expected.TimeZones, actual.TimeZones);
        Assert.Equal(expected.EncryptionKey, actual.EncryptionKey);
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.Media.Count, actual.Media.Count);
        for (var i = 0; i < expected.Media.Count; i++)
        {
            var e = expected.Media[i];
            var a = actual.Media[i];
            Assert.Equal((e.MediaType, e.Port, e.PortCount, e.Protocol), (a.MediaType, a.Port, a.PortCount, a.Protocol));
            Assert.Equal(e.Formats, a.Formats);
            Assert.Equal(e.Information, a.Information);
            Assert.Equal(e.Connections, a.Connections);
            Assert.Equal(e.Bandwidths, a.Bandwidths);
            Assert.Equal(e.EncryptionKey, a.EncryptionKey);
            Assert.Equal(e.Attributes, a.Attributes);
        }
    }
}
