namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>Which list a number is on.</summary>
public enum CallerListKind
{
    /// <summary>On no list.</summary>
    None,
    /// <summary>White list: known good callers (skip screening questions).</summary>
    White,
    /// <summary>VIP: priority boost and an optional named agent group.</summary>
    Vip,
    /// <summary>Black list: blocked callers.</summary>
    Black,
}

/// <summary>What happens to a black-listed caller when the flow gives no branch of its own.</summary>
public enum BlackListAction
{
    /// <summary>Hang up at once.</summary>
    HangUp,
    /// <summary>Play the entry's message, then hang up.</summary>
    PlayMessage,
    /// <summary>Transfer to the entry's extension.</summary>
    RouteToExtension,
}
