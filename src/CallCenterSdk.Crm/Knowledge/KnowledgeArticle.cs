namespace CallCenterSdk.Crm.Knowledge;

/// <summary>A knowledge-base / FAQ article.</summary>
/// <param name="Id">Store-assigned id (0 to create).</param>
/// <param name="Title">Title or question (required, at most 300 characters).</param>
/// <param name="Body">Answer text.</param>
/// <param name="Tags">Tags, searchable too.</param>
/// <param name="UpdatedAt">When last changed (set by the store).</param>
public sealed record KnowledgeArticle(long Id, string Title, string Body, IReadOnlyList<string> Tags, DateTimeOffset UpdatedAt);
