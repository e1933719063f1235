namespace CallCenterSdk.Acd.Engine;

/// <summary>The live state of one agent.</summary>
internal sealed class AgentRuntime
{
    public AgentRuntime(int slot, AgentDefinition definition, int[] skillSlots, int[] skillLevels)
    {
        Slot = slot;
        Definition = definition;
        SkillSlots = skillSlots;
        SkillLevels = skillLevels;
    }

    public int Slot { get; }

    public AgentDefinition Definition { get; }

    public AgentId Id => Definition.Id;

    public int[] SkillSlots { get; }

    public int[] SkillLevels { get; }

    public MemberRuntime[] Members { get; set; } = [];

    public Presence Presence;
    public string? NotReadyReason;
    public AgentState State;
    public long StateSinceTicks;
    public readonly long[] TimeInState = new long[6];
    public long DelayUntilTicks;
    public int ConsecutiveNoAnswer;
    public readonly List<Assignment> Assignments = new(4);
    public readonly int[] Load = new int[3];
    public long IdleSinceTicks;
    public int ContactsAnswered;
    public long TalkTicks;

    /// <summary>Proficiency in a skill, 0 when the agent lacks it (linear: agents hold a handful of skills).</summary>
    public int LevelOf(int skillSlot)
    {
        var slots = SkillSlots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i] == skillSlot)
            {
                return SkillLevels[i];
            }
        }

        return 0;
    }

    public Assignment? Find(ContactRuntime contact)
    {
        foreach (var a in Assignments)
        {
            if (a.Contact == contact)
            {
                return a;
            }
        }

        return null;
    }
}
