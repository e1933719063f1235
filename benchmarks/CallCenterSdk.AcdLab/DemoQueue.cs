using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Simulation;

namespace CallCenterSdk.AcdLab;

/// <summary>One queue of the demonstration with its traffic.</summary>
/// <param name="Definition">The queue's configuration.</param>
/// <param name="CallsPerDay">Daily volume, shaped by a working-day profile.</param>
/// <param name="HandleTime">Talk time distribution.</param>
/// <param name="RequiredSkill">A skill each contact needs (with a random minimum level 1-6), if any.</param>
internal sealed record DemoQueue(QueueDefinition Definition, double CallsPerDay, Distribution HandleTime, SkillId? RequiredSkill = null);
