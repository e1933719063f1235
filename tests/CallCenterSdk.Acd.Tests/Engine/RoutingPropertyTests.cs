using CallCenterSdk.Acd.Tests.Support;
using FsCheck.Xunit;
using static CallCenterSdk.Acd.Tests.Support.AcdHarness;

namespace CallCenterSdk.Acd.Tests.Engine;

/// <summary>
/// Random scripts of logins, calls, answers, rejections, releases, abandons, grabs, transfers and time
/// steps, with the routing invariants checked after every step.
/// </summary>
public sealed class RoutingPropertyTests
{
    private const int AgentCount = 6;
    private static readonly SkillId Fr = S("fr");

    private sealed class World
    {
        public World(int seed)
        {
            var kinds = Enum.GetValues<RoutingStrategyKind>();
            H = new AcdHarness(seed: seed);
            int k = Math.Abs(seed % kinds.Length);
            Voice = [
                H.Queue("v0", kinds[k]),
                H.Queue("v1", kinds[(k + 3) % kinds.Length], d => d with { WrapUp = TimeSpan.FromSeconds(5), OfferTimeout = TimeSpan.FromSeconds(12) }),
            ];
            Chat = H.Queue("chat", kinds[(k + 5) % kinds.Length], d => d with { Channel = Channel.Chat });
            for (int i = 0; i < AgentCount; i++)
            {
                var queues = new List<QueueMembership> { In(Voice[0], position: i, penalty: i % 3) };
                if (i % 2 == 0)
                {
                    queues.Add(In(Voice[1], position: AgentCount - i, priority: 2));
                }

                if (i % 3 == 0)
                {
                    queues.Add(In(Chat, position: i));
                }

                SkillLevels[i] = (Math.Abs(seed) + (i * 7)) % 11;
                var skills = SkillLevels[i] == 0 ? Array.Empty<SkillLevel>() : [new SkillLevel(Fr, SkillLevels[i])];
                H.Engine.DefineAgent(new AgentDefinition { Id = A("a" + i), Skills = skills, Queues = queues });
                Members[i] = queues.Select(m => m.Queue).ToHashSet();
            }
        }

        public AcdHarness H { get; }

        public QueueId[] Voice { get; }

        public QueueId Chat { get; }

        public int[] SkillLevels { get; } = new int[AgentCount];

        public HashSet<QueueId>[] Members { get; } = new HashSet<QueueId>[AgentCount];

        public Dictionary<ContactId, ContactRequest> Requests { get; } = [];

        public List<ContactId> Contacts { get; } = [];
    }

    private static void Step(World w, int code)
    {
        int op = (int)((uint)code % 12);
        int arg = (int)((uint)code / 12);
        var e = w.H.Engine;
        var agent = A("a" + (arg % AgentCount));
        ContactId? Pick() => w.Contacts.Count == 0 ? null : w.Contacts[arg % w.Contacts.Count];
        try
        {
            switch (op)
            {
                case 0:
                    e.Login(agent);
                    break;
                case 1:
                    e.Logout(agent);
                    break;
                case 2:
                    e.SetReady(agent);
                    break;
                case 3:
                    e.SetNotReady(agent, NotReadyReasons.Break);
                    break;
                case 4:
                case 5:
                    {
                        bool chat = arg % 4 == 3;
                        var request = new ContactRequest
                        {
                            Queue = chat ? w.Chat : w.Voice[arg % 2],
                            Channel = chat ? Channel.Chat : Channel.Voice,
                            Priority = arg % 3,
                            RequiredSkills = arg % 5 == 0 ? [new SkillRequirement(Fr, 1 + (arg % 9))] : [],
                        };
                        var id = e.Enqueue(request).Contact;
                        w.Requests[id] = request;
                        w.Contacts.Add(id);
                        break;
                    }

                case 6:
                    if (Pick() is { } c1 && e.GetOffers(c1) is { Count: > 0 } offers)
                    {
                        e.Accept(offers[arg % offers.Count], c1);
                    }

                    break;
                case 7:
                    if (Pick() is { } c2 && e.GetOffers(c2) is { Count: > 0 } offers2)
                    {
                        e.Reject(offers2[arg % offers2.Count], c2, busy: arg % 2 == 0);
                    }

                    break;
                case 8:
                    if (Pick() is { } c3)
                    {
                        e.Release(c3);
                    }

                    break;
                case 9:
                    if (Pick() is { } c4)
                    {
                        e.Abandon(c4);
                    }

                    break;
                case 10:
                    if (Pick() is { } c5)
                    {
                        if (arg % 2 == 0)
                        {
                            e.Grab(agent, c5);
                        }
                        else if (w.Requests[c5].Channel == Channel.Voice)
                        {
                            e.Transfer(c5, w.Voice[(arg / 2) % 2]);
                        }
                    }

                    break;
                default:
                    w.H.Wait(arg % 25);
                    break;
            }
        }
        catch (AcdException ex) when (ex.Error is AcdError.IllegalTransition or AcdError.AlreadyAnswered or AcdError.UnknownContact)
        {
            // Refused operations are part of the script; the state must stay consistent anyway.
        }
    }

    private static string? Violation(World w)
    {
        var e = w.H.Engine;
        var assignments = e.AssignmentsForChecks();
        foreach (var g in assignments.Where(x => x.Connected).GroupBy(x => x.Contact))
        {
            if (g.Count() > 1)
            {
                return g.Key + " is connected to " + g.Count() + " agents";
            }
        }

        for (int i = 0; i < AgentCount; i++)
        {
            var id = A("a" + i);
            var mine = assignments.Where(x => x.Agent == id).ToList();
            int voice = mine.Count(x => x.Channel == Channel.Voice), chat = mine.Count(x => x.Channel == Channel.Chat);
            if (voice > 1 || chat > 3 || (voice > 0 && chat > 0))
            {
                return id + " holds " + voice + " voice and " + chat + " chat contacts";
            }
        }

        // Nobody eligible and free is left idle while a contact waits unoffered.
        foreach (var q in w.Voice.Append(w.Chat))
        {
            foreach (var c in e.GetWaitingContacts(q))
            {
                if (e.GetOffers(c).Count > 0)
                {
                    continue;
                }

                var request = w.Requests[c];
                for (int i = 0; i < AgentCount; i++)
                {
                    var status = e.GetAgentStatus(A("a" + i));
                    bool skilled = request.RequiredSkills.All(r => w.SkillLevels[i] >= r.MinimumLevel);
                    if (status.State == AgentState.Available && status.OffersPausedUntil is null && w.Members[i].Contains(q) && skilled)
                    {
                        return c + " waits in " + q + " while a" + i + " is available and eligible";
                    }
                }
            }
        }

        return null;
    }

    [Property(MaxTest = 80)]
    public bool Routing_invariants_hold_after_every_step(int seed)
    {
        // FsCheck picks the seed; a seeded generator makes a long script from it (300 steps).
        var w = new World(seed);
        var random = new Random(seed);
        for (int i = 0; i < 300; i++)
        {
            int code = random.Next(12 * 64);
            Step(w, code);
            if (Violation(w) is { } problem)
            {
                throw new InvalidOperationException("After op " + code + ": " + problem);
            }
        }

        return true;
    }

    [Property(MaxTest = 100)]
    public bool Contacts_of_equal_priority_are_offered_first_come_first_served(byte[] script)
    {
        var h = new AcdHarness();
        var q = h.Queue("q");
        var agents = Enumerable.Range(0, 3).Select(i => h.Agent("a" + i, In(q))).ToArray();
        var enqueued = new List<ContactId>();
        foreach (byte b in script.Take(80))
        {
            switch (b % 4)
            {
                case 0:
                    enqueued.Add(h.Call(q).Contact);
                    break;
                case 1:
                    var agent = agents[b / 4 % 3];
                    if (h.Engine.GetAgentStatus(agent).State == AgentState.LoggedOut)
                    {
                        h.Engine.Login(agent);
                    }

                    break;
                case 2:
                    foreach (var c in enqueued.Where(c => h.Engine.GetOffers(c).Count > 0).ToList())
                    {
                        h.Engine.Accept(h.Engine.GetOffers(c)[0], c);
                    }

                    break;
                default:
                    foreach (var c in enqueued.Where(c => h.Engine.GetAgentOf(c) is not null).Take(1).ToList())
                    {
                        h.Engine.Release(c);
                    }

                    h.Wait(b % 7);
                    break;
            }
        }

        var firstOffers = h.Of(AcdEventKind.Reserved).Select(e => e.Contact!.Value).Distinct().ToList();
        return firstOffers.SequenceEqual(enqueued.Take(firstOffers.Count));
    }
}
