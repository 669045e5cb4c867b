using Akka.Ingest.Domain;
using Akka.Streams;
using Akka.Streams.Stage;

namespace Akka.Ingest.Workload.Distributions;

/// <summary>
/// The head of every generator graph: pushes the next event of a fresh <see cref="EventCursor"/> on each pull,
/// so it never runs ahead of demand. Each materialisation starts the stream from the beginning of the seed.
/// Endless: bound it downstream with <c>Take</c>.
/// </summary>
public sealed class EventCursorSource : GraphStage<SourceShape<DomainEvent>>
{
    private readonly Func<EventCursor> _createCursor;

    public EventCursorSource(Func<EventCursor> createCursor)
    {
        _createCursor = createCursor;
        Out = new Outlet<DomainEvent>("generator-events.out");
        Shape = new SourceShape<DomainEvent>(Out);
    }

    public Outlet<DomainEvent> Out { get; }

    public override SourceShape<DomainEvent> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("generator-events");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : OutGraphStageLogic
    {
        private readonly EventCursorSource _stage;
        private readonly EventCursor _cursor;

        public Logic(EventCursorSource stage) : base(stage.Shape)
        {
            _stage = stage;
            _cursor = stage._createCursor();
            SetHandler(stage.Out, this);
        }

        public override void OnPull() => Push(_stage.Out, _cursor.Next());
    }
}
