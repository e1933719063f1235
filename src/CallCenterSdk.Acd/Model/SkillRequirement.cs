namespace CallCenterSdk.Acd;

/// <summary>A skill a contact needs, with the lowest proficiency accepted.</summary>
/// <param name="Skill">The skill.</param>
/// <param name="MinimumLevel">Lowest acceptable proficiency, 1 to 10.</param>
public readonly record struct SkillRequirement(SkillId Skill, int MinimumLevel);
