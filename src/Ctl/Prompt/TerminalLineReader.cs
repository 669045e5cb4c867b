namespace Akka.Ingest.Ctl.Prompt;

/// <summary>
/// A small line editor for a terminal: prints the prompt, echoes typing, and keeps the session's history
/// (up and down arrows). Left/right, Home/End (Ctrl-A/Ctrl-E), Backspace/Delete and Ctrl-U edit the line;
/// Tab completes verbs and options (<see cref="PromptCompletion"/>; a second choice lists them); Ctrl-D on an
/// empty line ends input.
/// </summary>
public sealed class TerminalLineReader(PromptHistory history) : ILineReader
{
    public string? ReadLine(string prompt)
    {
        var line = new System.Text.StringBuilder();
        var cursor = 0;
        var browsing = history.Count;
        Console.Write(prompt);

        void Redraw()
        {
            // Back to the start of the line, rewrite it, clear what was longer, then put the cursor in place.
            Console.Write("\r" + prompt + line + "\u001b[K");
            var back = line.Length - cursor;
            if (back > 0)
                Console.Write($"\u001b[{back}D");
        }

        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.D when control && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.D when control && cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    cursor = line.Length;
                    break;
                case ConsoleKey.U when control:
                    line.Clear();
                    cursor = 0;
                    break;
                case ConsoleKey.UpArrow when browsing > 0:
                    line.Clear().Append(history[--browsing]);
                    cursor = line.Length;
                    break;
                case ConsoleKey.Tab:
                    // Completes the word before the cursor; the rest of the line stays after it.
                    var (completed, listed) = PromptCompletion.Complete(line.ToString(0, cursor));
                    if (listed.Count > 0)
                        Console.Write("\n" + string.Join("  ", listed) + "\n");
                    line.Remove(0, cursor).Insert(0, completed);
                    cursor = completed.Length;
                    break;
                case ConsoleKey.DownArrow when browsing < history.Count:
                    line.Clear().Append(++browsing < history.Count ? history[browsing] : "");
                    cursor = line.Length;
                    break;
                default:
                    if (key.KeyChar == '\0' || char.IsControl(key.KeyChar))
                        continue;
                    line.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw();
        }
    }
}
