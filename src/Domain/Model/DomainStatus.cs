namespace Akka.Ingest.Domain;

public enum DomainStatus
{
    Unknown,
    CatchAll,
    NotCatchAll,
}

public static class DomainStatusNames
{
    public const string Unknown = "unknown";
    public const string CatchAll = "catch-all";
    public const string NotCatchAll = "not catch-all";

    public static string ToWireName(this DomainStatus status) => status switch
    {
        DomainStatus.CatchAll => CatchAll,
        DomainStatus.NotCatchAll => NotCatchAll,
        _ => Unknown,
    };

    public static DomainStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"'{text}' is not a domain status.");

    public static bool TryParse(string? text, out DomainStatus status)
    {
        switch (text)
        {
            case CatchAll: status = DomainStatus.CatchAll; return true;
            case NotCatchAll: status = DomainStatus.NotCatchAll; return true;
            case Unknown: status = DomainStatus.Unknown; return true;
            default: status = DomainStatus.Unknown; return false;
        }
    }
}
