namespace CallCenterSdk.Crm.Knowledge;

/// <summary>One search result: the article, and a rank where higher is a better match.</summary>
/// <param name="Article">The matching article.</param>
/// <param name="Rank">Relevance (only comparable within one result list).</param>
public sealed record KnowledgeHit(KnowledgeArticle Article, double Rank);
