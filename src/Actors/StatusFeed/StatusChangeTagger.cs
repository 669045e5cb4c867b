using Akka.Persistence.Journal;

namespace Akka.Ingest.StatusFeed;

/// <summary>Tags every <see cref="DomainStatusChanged"/> on its way to the journal, so queries can read the feed by tag.</summary>
public sealed class StatusChangeTagger : IWriteEventAdapter
{
    public const string Tag = "status-change";

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is DomainStatusChanged ? new Tagged(evt, [Tag]) : evt;
}
