using System.Net;
using System.Security.Cryptography;
using System.Text;
using CallCenterSdk.Sip.Authentication;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.Uris;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.Docs;

/// <summary>
/// The call and registration examples of docs/sip.md, run as written: the methods between the "docs/sip.md" markers
/// are compared line by line with the page's code blocks (so the page cannot drift from what runs here), then
/// called against each other on loopback, with what they print checked. Console output is process-wide, so the
/// examples run alone.
/// </summary>
[Collection(ProcessWideMeasurements.Name)]
public sealed class SipCoreDocsExampleTests
{
    private static readonly string[] Sections = ["Answer calls", "Place a call", "Run a registrar with digest authentication", "Register with digest authentication"];

    // docs/sip.md: Answer calls
    static async Task<SipStack> AnswerCallsAsync(IPEndPoint listen)
    {
        const string answerSdp = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7002 RTP/AVP 0\r\n";
        var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "service" });
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, listen));
        var stack = new SipStack(options, agent);
        agent.Attach(stack);
        agent.IncomingCall += session =>
        {
            Console.WriteLine($"call from {session.Invite.From.Uri}");
            session.DtmfReceived += (_, digit, ms) => Console.WriteLine($"INFO DTMF {digit} {ms} ms");
            session.ReInviteHandler = (s, reInvite) =>
            {
                // Hold: the caller offers a=sendonly, we answer a=recvonly; any other offer gets the first answer.
                var hold = Encoding.ASCII.GetString(s.RemoteBody.Span).Contains("a=sendonly", StringComparison.Ordinal);
                return Encoding.ASCII.GetBytes(hold ? answerSdp + "a=recvonly\r\n" : answerSdp);
            };
            session.Ended += (_, reason) => Console.WriteLine($"callee: ended {reason.Kind} {reason.StatusCode}");
            session.Ring();                                                        // 180 Ringing
            session.Answer("application/sdp", Encoding.ASCII.GetBytes(answerSdp)); // 200 OK, resent until the ACK
        };
        await stack.StartAsync();
        Console.WriteLine($"answering on {stack.Transports[0].LocalEndPoint}");
        return stack; // dispose it to stop answering
    }
    // end

    // docs/sip.md: Place a call
    static async Task<SessionEndReason> PlaceCallAsync(IPEndPoint callee)
    {
        const string offerSdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n";
        var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "alice" });
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        await using var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();

        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<SessionEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = agent.PlaceCall(
            SipUri.Parse($"sip:service@{callee}"),                 // Request-URI and To
            NameAddress.Parse("<sip:alice@127.0.0.1>"),             // From
            new SipEndpoint(SipTransportProtocol.Udp, callee),      // next hop
            "application/sdp", Encoding.ASCII.GetBytes(offerSdp),
            beforeSend: c =>                                        // before the INVITE leaves: its 180 may be back first
            {
                c.Progress += (_, response) => Console.WriteLine($"{response.StatusCode} {response.ReasonPhrase}");
                c.Established += _ => answered.TrySetResult();
                c.Ended += (_, reason) => ended.TrySetResult(reason);
            });
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine("answer: " + Encoding.ASCII.GetString(call.RemoteBody.Span).ReplaceLineEndings(" "));

        call.SendInfo(DtmfRelay.ContentType, DtmfRelay.Format('1', 160));   // a digit by SIP INFO

        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.ReInviteAnswered += (_, response) => held.TrySetResult(response.StatusCode);
        call.SendReInvite("application/sdp", Encoding.ASCII.GetBytes(offerSdp + "a=sendonly\r\n")); // hold
        Console.WriteLine($"hold answered {await held.Task.WaitAsync(TimeSpan.FromSeconds(10))}");

        call.Hangup(); // BYE now; before the answer it would have been CANCEL
        return await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
    // end

    // docs/sip.md: Run a registrar with digest authentication
    static async Task<(SipStack Stack, Registrar Registrar)> RunRegistrarAsync(IPEndPoint listen)
    {
        // The store keeps H(user:realm:password) per algorithm, never the password; computed here for the example.
        var passwords = new Dictionary<(string Realm, string User), string>
        {
            [("tenant-a.example", "alice")] = "alice-secret",
            [("tenant-b.example", "bob")] = "bob-secret",
        };
        DigestSecretLookup secrets = (realm, user, algorithm) =>
            passwords.TryGetValue((realm, user), out var password) ? DigestAuthenticator.Secret(algorithm, user, realm, password) : null;

        // Nonces are signed with this key: give every node of a cluster the same one (16 bytes or more).
        var nonceKey = RandomNumberGenerator.GetBytes(32);
        var nonces = new DigestNonceService(nonceKey, TimeSpan.FromMinutes(5), TimeProvider.System);
        var registrar = new Registrar(new RegistrarOptions
        {
            ResolveDomain = host => host switch
            {
                "tenant-a.example" => new RegistrarDomain("tenant-a", "tenant-a.example"), // tenant id, realm
                "tenant-b.example" => new RegistrarDomain("tenant-b", "tenant-b.example"),
                _ => null,                                                                  // 404
            },
        }, new LocationService(), new DigestAuthenticator(nonces, secrets));
        registrar.Registered += (tenant, aor, bindings) =>
            Console.WriteLine($"{tenant} {aor}: {string.Join(", ", bindings.Select(b => b.Contact))}");

        var agent = new SipUserAgent();
        agent.RequestHandlers.Add(registrar);
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, listen));
        var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();
        return (stack, registrar); // registrar.Locations.Lookup("tenant-a", "sip:alice@tenant-a.example") finds alice's phones
    }
    // end

    // docs/sip.md: Register with digest authentication
    static async Task<TimeSpan> RegisterAsync(IPEndPoint registrar)
    {
        var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "alice" });
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        await using var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();

        await using var registration = new RegistrationClient(stack, new RegistrationClientOptions
        {
            RegistrarUri = "sip:tenant-a.example",
            Registrar = new SipEndpoint(SipTransportProtocol.Udp, registrar),
            AddressOfRecord = "sip:alice@tenant-a.example",
            Username = "alice",
            Password = "alice-secret",
            ContactUser = "alice",
            Expires = TimeSpan.FromMinutes(10),
        });
        var registered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Registered += (_, granted) => registered.TrySetResult(granted);
        registration.Failed += (_, code, reason) => registered.TrySetException(new InvalidOperationException($"{code} {reason}"));
        registration.Start(); // answers the 401, follows a 423, refreshes at 80 % of the granted time
        var granted = await registered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"registered for {granted}");

        await registration.StopAsync(); // Expires: 0
        return granted;
    }
    // end

    [Fact]
    public async Task Answer_calls_and_place_a_call_run_against_each_other_as_documented()
    {
        var output = await CaptureConsoleAsync(async printed =>
        {
            await using var callee = await AnswerCallsAsync(new IPEndPoint(IPAddress.Loopback, 0));
            var reason = await PlaceCallAsync(callee.Transports[0].LocalEndPoint);
            Assert.Equal((SessionEndKind.LocalHangup, 200), (reason.Kind, reason.StatusCode));
            await WaitForAsync(() => printed().Contains("callee: ended", StringComparison.Ordinal));
        });

        Assert.Contains("answering on 127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("call from sip:alice@127.0.0.1", output, StringComparison.Ordinal);
        Assert.Contains("180 Ringing", output, StringComparison.Ordinal);
        Assert.Contains("answer: v=0 o=- 2 1 IN IP4 127.0.0.1 s=- c=IN IP4 127.0.0.1 t=0 0 m=audio 7002 RTP/AVP 0 \n", output, StringComparison.Ordinal);
        Assert.Contains("INFO DTMF 1 160 ms", output, StringComparison.Ordinal);
        Assert.Contains("hold answered 200", output, StringComparison.Ordinal);
        Assert.Contains("callee: ended RemoteHangup 200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_a_registrar_and_register_with_digest_authentication_as_documented()
    {
        var output = await CaptureConsoleAsync(async printed =>
        {
            var (stack, registrar) = await RunRegistrarAsync(new IPEndPoint(IPAddress.Loopback, 0));
            await using var _ = stack;
            var granted = await RegisterAsync(stack.Transports[0].LocalEndPoint);
            Assert.Equal(TimeSpan.FromMinutes(10), granted);
            Assert.Empty(registrar.Locations.Lookup("tenant-a", "sip:alice@tenant-a.example")); // StopAsync unregistered
        });

        Assert.Matches(@"tenant-a sip:alice@tenant-a\.example: sip:alice@127\.0\.0\.1:\d+\n", output);
        Assert.Contains("registered for 00:10:00", output, StringComparison.Ordinal);
        Assert.Contains("tenant-a sip:alice@tenant-a.example: \n", output, StringComparison.Ordinal); // after Expires: 0
    }

    [Fact]
    public void The_code_blocks_of_docs_sip_md_are_the_methods_these_tests_run()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "sip.md"));
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "SipCoreDocsExampleTests.cs.txt"));
        var usings = source.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Select(l => l.Trim()).ToHashSet();
        foreach (var section in Sections)
        {
            var block = CodeBlockUnder(page, "## " + section);
            var documented = Dedent(block.Where(l => !l.StartsWith("using ", StringComparison.Ordinal)));
            var tested = Dedent(Region(source, "// docs/sip.md: " + section));
            Assert.Equal(tested, documented);
            Assert.All(block.Where(l => l.StartsWith("using ", StringComparison.Ordinal)), u => Assert.Contains(u.Trim(), usings));
        }
    }

    private static List<string> CodeBlockUnder(string page, string heading)
    {
        var lines = page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var at = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        Assert.True(at >= 0, $"docs/sip.md has no '{heading}'");
        var start = Array.FindIndex(lines, at, l => l.StartsWith("```csharp", StringComparison.Ordinal)) + 1;
        var end = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.True(start > 0 && end > start, $"no code block under '{heading}'");
        return [.. lines[start..end]];
    }

    private static List<string> Region(string source, string marker)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == marker) + 1;
        var end = Array.FindIndex(lines, start, l => l.Trim() == "// end");
        Assert.True(start > 0 && end > start, $"no region '{marker}'");
        return [.. lines[start..end]];
    }

    private static List<string> Dedent(IEnumerable<string> lines)
    {
        var kept = lines.Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
        var indent = kept.Where(l => l.Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return [.. kept.Select(l => l.Length == 0 ? l : l[indent..])];
    }

    private static async Task<string> CaptureConsoleAsync(Func<Func<string>, Task> run)
    {
        var original = Console.Out;
        using var writer = new StringWriter { NewLine = "\n" };
        var synchronized = TextWriter.Synchronized(writer); // its methods lock the wrapper itself
        string Printed()
        {
            lock (synchronized)
            {
                return writer.ToString();
            }
        }

        Console.SetOut(synchronized);
        try
        {
            await run(Printed);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException("The example failed after printing:\n" + Printed(), e);
        }
        finally
        {
            Console.SetOut(original);
        }

        return writer.ToString();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(20);
        }
    }
}
