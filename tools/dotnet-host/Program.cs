// Program.cs: a sample .NET host of psbridge (see PSBridge.cs and README.md).
//
//   mono bin/PSBridgeHost.exe -Command "<PowerShell text>" [-Timing] [-FullShutdown]
//       AddScript(text).Invoke(); each output object printed as one JSON line on stdout.
//       -Timing prints start/run/shutdown milliseconds as JSON on stderr; -FullShutdown
//       uses PythonEngine.Shutdown (0.4-1 s) instead of the process-exit shortcut.
//   mono bin/PSBridgeHost.exe -Command "<text>" -Repeat N [-Threads T]
//       a soak: T threads each Invoke() the text N times; prints one JSON summary line.
//
// Exit status: 0 success; 1 a terminating error (FullyQualifiedErrorId and message on
// stderr) or error records in Streams.Error (printed after the output); 2 usage;
// 3 psbridge could not be started (Python or psbridge not found).

using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace PSBridge.Sample
{
    static class Program
    {
        static int Main(string[] args)
        {
            string command = null;
            int repeat = 0, threads = 1;
            bool timing = false, fullShutdown = false;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i].ToLowerInvariant();
                bool hasValue = i + 1 < args.Length;
                if ((name == "-command" || name == "-c") && hasValue) command = args[++i];
                else if (name == "-repeat" && hasValue && int.TryParse(args[++i], out repeat) && repeat > 0) { }
                else if (name == "-threads" && hasValue && int.TryParse(args[++i], out threads) && threads > 0) { }
                else if (name == "-timing") timing = true;
                else if (name == "-fullshutdown") fullShutdown = true;
                else return Usage("unknown or incomplete argument '" + args[i] + "'");
            }
            if (command == null) return Usage("-Command is required");

            var clock = Stopwatch.StartNew();
            try
            {
                PythonHost.Start();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("psbridge could not be started: " + e.Message);
                Console.Error.WriteLine("Set PYTHONNET_VENV to a virtual environment with psbridge installed, or PYTHONNET_PYDLL to libpython.");
                return 3;
            }
            double startMs = clock.Elapsed.TotalMilliseconds;
            int status;
            try
            {
                status = repeat > 0 ? Soak(command, repeat, threads) : RunOnce(command);
            }
            finally
            {
                double runMs = clock.Elapsed.TotalMilliseconds - startMs;
                // The process ends right after: skip pythonnet's collection rounds unless asked.
                PythonHost.Shutdown(processExit: !fullShutdown);
                if (timing)
                    Console.Error.WriteLine("{" + string.Format(CultureInfo.InvariantCulture,
                        "\"start_ms\": {0:F1}, \"run_ms\": {1:F1}, \"shutdown_ms\": {2:F1}",
                        startMs, runMs, clock.Elapsed.TotalMilliseconds - startMs - runMs) + "}");
            }
            // Python was left running: end here, before .NET's exit finalizes it under Python's threads.
            if (!fullShutdown) PythonHost.Exit(status);
            return status;
        }

        static int Usage(string problem)
        {
            Console.Error.WriteLine("PSBridgeHost: " + problem);
            Console.Error.WriteLine("usage: PSBridgeHost -Command \"<text>\" [-Timing] [-FullShutdown] [-Repeat N [-Threads T]]");
            return 2;
        }

        static int RunOnce(string command)
        {
            using (PowerShell ps = PowerShell.Create())
            {
                ps.AddScript(command);
                try
                {
                    foreach (PSObject item in ps.Invoke()) Console.Out.WriteLine(Json.Write(item));
                }
                catch (RuntimeException e)
                {
                    Console.Out.Flush();
                    Console.Error.WriteLine(e.ErrorRecord.Formatted);
                    return 1;
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 1;
                }
                Console.Out.Flush();
                foreach (ErrorRecord record in ps.Streams.Error) Console.Error.WriteLine(record.Formatted);
                return ps.HadErrors || ps.Streams.Error.Count > 0 ? 1 : 0;
            }
        }

        /// <summary>Many Invoke()s from several .NET threads in one process, with the resident set size.</summary>
        static int Soak(string command, int repeat, int threadCount)
        {
            long outputs = 0, errors = 0, exceptions = 0;
            Exception crash = null;
            // One warm-up call so that start-up allocations are not counted as growth.
            using (PowerShell ps = PowerShell.Create()) ps.AddScript(command).Invoke();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long rssBefore = RssKb();
            var clock = Stopwatch.StartNew();
            var workers = new List<Thread>();
            for (int t = 0; t < threadCount; t++)
            {
                var worker = new Thread(() =>
                {
                    try
                    {
                        using (PowerShell ps = PowerShell.Create())
                            for (int i = 0; i < repeat; i++)
                            {
                                ps.Clear().AddScript(command);
                                try
                                {
                                    Interlocked.Add(ref outputs, ps.Invoke().Count);
                                }
                                catch (RuntimeException)
                                {
                                    Interlocked.Increment(ref exceptions);
                                }
                                Interlocked.Add(ref errors, ps.Streams.Error.Count);
                                ps.Streams.ClearStreams();
                            }
                    }
                    catch (Exception e)
                    {
                        crash = e;
                    }
                });
                workers.Add(worker);
                worker.Start();
            }
            foreach (Thread worker in workers) worker.Join();
            double seconds = clock.Elapsed.TotalSeconds;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long rssAfter = RssKb();
            long calls = (long)repeat * threadCount;
            Console.Out.WriteLine("{" + string.Format(CultureInfo.InvariantCulture,
                "\"invocations\": {0}, \"threads\": {1}, \"seconds\": {2:F3}, \"invocations_per_second\": {3:F1}, " +
                "\"outputs\": {4}, \"error_records\": {5}, \"exceptions\": {6}, \"rss_kb_before\": {7}, \"rss_kb_after\": {8}, " +
                "\"crash\": {9}",
                calls, threadCount, seconds, calls / seconds, outputs, errors, exceptions, rssBefore, rssAfter,
                crash == null ? "null" : Json.Quote(crash.ToString())) + "}");
            return crash == null ? 0 : 1;
        }

        static long RssKb()
        {
            foreach (string line in File.ReadAllLines("/proc/self/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return -1;
        }
    }

    /// <summary>Output objects as JSON, about as ConvertTo-Json -Compress renders them.</summary>
    static class Json
    {
        const int MaxDepth = 8;

        internal static string Write(object value)
        {
            var text = new StringBuilder();
            Append(text, value, 0);
            return text.ToString();
        }

        internal static string Quote(string s)
        {
            var text = new StringBuilder();
            AppendString(text, s);
            return text.ToString();
        }

        static void Append(StringBuilder text, object value, int depth)
        {
            var psobject = value as PSObject;
            if (psobject != null)
            {
                if (psobject.IsCustomObject) AppendProperties(text, psobject.Properties, depth);
                else Append(text, psobject.BaseObject, depth);
                return;
            }
            if (value == null) { text.Append("null"); return; }
            if (value is string || value is char || value is Guid || value is Enum) { AppendString(text, value.ToString()); return; }
            if (value is bool) { text.Append((bool)value ? "true" : "false"); return; }
            if (value is double || value is float)
            {
                double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d)) AppendString(text, d.ToString(CultureInfo.InvariantCulture));
                else text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            }
            if (value is IConvertible && value.GetType().IsPrimitive || value is decimal)
            {
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            }
            if (value is DateTime) { AppendString(text, ((DateTime)value).ToString("o", CultureInfo.InvariantCulture)); return; }
            if (value is Uri) { AppendString(text, ((Uri)value).OriginalString); return; }
            if (value is System.Security.SecureString) { AppendString(text, "System.Security.SecureString"); return; }
            if (depth >= MaxDepth) { AppendString(text, value.ToString()); return; }
            var dictionary = value as IDictionary;
            if (dictionary != null)
            {
                text.Append('{');
                bool first = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!first) text.Append(',');
                    first = false;
                    AppendString(text, Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                    text.Append(':');
                    Append(text, entry.Value, depth + 1);
                }
                text.Append('}');
                return;
            }
            var sequence = value as IEnumerable;
            if (sequence != null)
            {
                text.Append('[');
                bool first = true;
                foreach (object item in sequence)
                {
                    if (!first) text.Append(',');
                    first = false;
                    Append(text, item, depth + 1);
                }
                text.Append(']');
                return;
            }
            AppendProperties(text, new PSObject(value).Properties, depth);
        }

        static void AppendProperties(StringBuilder text, IEnumerable<PSPropertyInfo> properties, int depth)
        {
            text.Append('{');
            bool first = true;
            foreach (PSPropertyInfo p in properties)
            {
                if (!first) text.Append(',');
                first = false;
                AppendString(text, p.Name);
                text.Append(':');
                Append(text, p.Value, depth + 1);
            }
            text.Append('}');
        }

        static void AppendString(StringBuilder text, string s)
        {
            text.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < ' ') text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            text.Append('"');
        }
    }
}
