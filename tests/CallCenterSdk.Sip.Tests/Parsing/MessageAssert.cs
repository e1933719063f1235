using CallCenterSdk.Sip.Messages;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>Semantic equality of two messages: same start line, same headers (kind, name, unfolded value) in order, same body.</summary>
internal static class MessageAssert
{
    public static void SemanticallyEqual(SipMessage expected, SipMessage actual)
    {
        Assert.Equal(expected.IsRequest, actual.IsRequest);
        if (expected is SipRequest req)
        {
            var a = (SipRequest)actual;
            Assert.Equal(req.Method, a.Method);
            Assert.Equal(req.RequestUri, a.RequestUri);
            Assert.True(req.RequestUriBytes.SequenceEqual(a.RequestUriBytes));
        }
        else
        {
            var res = (SipResponse)expected;
            var a = (SipResponse)actual;
            Assert.Equal(res.StatusCode, a.StatusCode);
            Assert.Equal(res.ReasonPhrase, a.ReasonPhrase);
        }

        var e = expected.Headers.Where(h => h.Kind != HeaderKind.ContentLength).Select(Describe).ToList();
        var g = actual.Headers.Where(h => h.Kind != HeaderKind.ContentLength).Select(Describe).ToList();
        Assert.Equal(e, g);
        Assert.True(expected.Body.Span.SequenceEqual(actual.Body.Span), "bodies differ");
        Assert.Equal(expected.CallId, actual.CallId);
        Assert.Equal(expected.CSeq, actual.CSeq);
        Assert.True(expected.FromTagBytes.SequenceEqual(actual.FromTagBytes));
        Assert.True(expected.ToTagBytes.SequenceEqual(actual.ToTagBytes));
        Assert.True(expected.TopViaBranchBytes.SequenceEqual(actual.TopViaBranchBytes));
    }

    private static string Describe(HeaderField h) => h.CanonicalName.ToUpperInvariant() + ": " + h.Value;
}
