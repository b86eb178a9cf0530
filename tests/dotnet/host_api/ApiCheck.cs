// ApiCheck.cs: drives the C# facade (PSBridge.dll) the way a .NET host would, against the
// emulator, and prints one line "name|ok|detail" per check for test_host.py to assert.
//
//   ApiCheck.exe <api_base> <thread_id> <assistant_id>     (key in PSBRIDGE_TEST_KEY)

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using PSBridge;

namespace ApiCheckTests
{
    public class RunRef
    {
        public string thread_id { get; set; }
        public string run_id { get; set; }
    }

    static class ApiCheck
    {
        static string apiBase, threadId, assistantId;
        static SecureString key;

        static void Report(string name, bool ok, string detail)
        {
            Console.WriteLine(name + "|" + (ok ? "ok" : "FAIL") + "|" + (detail ?? "").Replace("\n", " "));
        }

        static PowerShell Connected(PowerShell ps)
        {
            // ApiKey as a .NET SecureString, ApiBase as a System.Uri, splatted from a Hashtable.
            return ps.AddParameters(new Hashtable { { "ApiKey", key }, { "ApiBase", new Uri(apiBase) } });
        }

        static PSObject StartRun(Hashtable metadata)
        {
            using (PowerShell ps = PowerShell.Create())
            {
                ps.AddCommand("Start-ThreadRun").AddParameter("ThreadId", threadId).AddParameter("Assistant", assistantId);
                if (metadata != null) ps.AddParameter("MetaData", metadata);
                return Connected(ps).Invoke().Single();
            }
        }

        static void Check(string name, Func<string> body)
        {
            try { Report(name, true, body()); }
            catch (Exception e) { Report(name, false, e.GetType().Name + ": " + e.Message); }
        }

        static int Main(string[] args)
        {
            apiBase = args[0];
            threadId = args[1];
            assistantId = args[2];
            key = new SecureString();
            foreach (char c in Environment.GetEnvironmentVariable("PSBRIDGE_TEST_KEY")) key.AppendChar(c);
            key.MakeReadOnly();
            PythonHost.Start();

            Check("get_thread", () =>
            {
                using (PowerShell ps = PowerShell.Create())
                {
                    PSObject thread = Connected(ps.AddCommand("Get-Thread").AddParameter("ThreadId", threadId)).Invoke().Single();
                    if ((string)thread["ID"] != threadId) throw new Exception("id " + thread["id"]);
                    if (thread.Properties["object"].Value as string != "thread") throw new Exception("object");
                    return string.Join(",", thread.TypeNames) + ";" + ps.HadErrors;
                }
            });

            Check("run_object_round_trip", () =>
            {
                PSObject run = StartRun(new Hashtable { { "origin", "csharp" } });
                var metadata = run["metadata"];
                string origin = metadata is PSObject ? (string)((PSObject)metadata)["origin"] : (string)((IDictionary)metadata)["origin"];
                using (PowerShell ps = PowerShell.Create())
                {
                    // -Run demands [PSTypeName('PSOpenAI.Thread.Run')]: only the original object passes.
                    PSObject done = Connected(ps.AddCommand("Wait-ThreadRun").AddParameter("Run", run)).Invoke().Single();
                    return done["status"] + ";" + origin + ";" + run.TypeNames[0];
                }
            });

            Check("dotnet_object_by_property_name", () =>
            {
                PSObject run = StartRun(null);
                using (PowerShell ps = PowerShell.Create())
                {
                    var input = new object[] { new RunRef { thread_id = threadId, run_id = (string)run["id"] } };
                    PSObject done = Connected(ps.AddCommand("Wait-ThreadRun")).Invoke(input).Single();
                    return done["status"] + ";" + ((string)done["id"] == (string)run["id"]);
                }
            });

            Check("pipeline_input_objects", () =>
            {
                // An output object piped back (by value to -Run), then a [pscustomobject] built in C#
                // (one run at a time: a thread takes no new run while one is active).
                var statuses = new List<string>();
                PSObject first = StartRun(null);
                using (PowerShell ps = PowerShell.Create())
                {
                    PSObject done = Connected(ps.AddCommand("Wait-ThreadRun")).Invoke(new object[] { first }).Single();
                    statuses.Add(done["status"] + "=" + ((string)done["id"] == (string)first["id"]));
                }
                PSObject second = StartRun(null);
                var custom = new PSObject();
                custom.Properties.Add(new PSPropertyInfo("thread_id", threadId));
                custom.Properties.Add(new PSPropertyInfo("run_id", second["id"]));
                using (PowerShell ps = PowerShell.Create())
                {
                    PSObject done = Connected(ps.AddCommand("Wait-ThreadRun")).Invoke(new object[] { custom }).Single();
                    statuses.Add(done["status"] + "=" + ((string)done["id"] == (string)second["id"]));
                }
                return string.Join(";", statuses);
            });

            Check("binding_error_throws", () =>
            {
                using (PowerShell ps = PowerShell.Create())
                {
                    try
                    {
                        Connected(ps.AddCommand("Get-Thread").AddParameter("ThreadId", threadId).AddParameter("Bogus", 1)).Invoke();
                        throw new Exception("no exception");
                    }
                    catch (ParameterBindingException e)
                    {
                        return e.ErrorRecord.FullyQualifiedErrorId + ";" + e.ErrorRecord.CategoryInfo.Category + ";" + ps.HadErrors
                            + ";" + e.ErrorRecord.CategoryInfo;
                    }
                }
            });

            Check("switch_parameter", () =>
            {
                using (PowerShell ps = PowerShell.Create())
                {
                    // -All is a switch (AddParameter with no value); -Order takes its value.
                    ps.AddCommand("Get-ThreadRun").AddParameter("ThreadId", threadId).AddParameter("All").AddParameter("Order", "desc");
                    return Connected(ps).Invoke().Count.ToString();
                }
            });

            Check("non_terminating_error", () =>
            {
                using (PowerShell ps = PowerShell.Create())
                {
                    var output = Connected(ps.AddCommand("Get-Thread").AddArgument("thread_missing")).Invoke();
                    ErrorRecord error = ps.Streams.Error.Single();
                    return output.Count + ";" + ps.HadErrors + ";" + error.FullyQualifiedErrorId + ";" + error.Message;
                }
            });

            Check("invalid_operation", () =>
            {
                using (PowerShell ps = PowerShell.Create())
                {
                    string first, second;
                    try { ps.AddParameter("ThreadId", "x"); first = "none"; }
                    catch (InvalidOperationException) { first = "InvalidOperationException"; }
                    try { ps.Invoke(); second = "none"; }
                    catch (InvalidOperationException) { second = "InvalidOperationException"; }
                    return first + ";" + second;
                }
            });

            Check("script_and_values", () =>
            {
                using (PowerShell ps = PowerShell.Create())
                {
                    var output = ps.AddScript("@{a=1; b='x'}; 1.5; $true; 'text'; [pscustomobject]@{n=@(1,2)}").Invoke();
                    var table = (Hashtable)output[0].BaseObject;
                    var items = (object[])output[4]["n"];
                    return table["A"] + "," + table["b"] + ";" + output[1].BaseObject.GetType().Name + ";" + output[2].BaseObject
                        + ";" + output[3].BaseObject + ";" + items.Length + ";" + output[4].TypeNames[0];
                }
            });

            Check("threads", () =>
            {
                const int threads = 4, calls = 25;
                int succeeded = 0;
                Exception failure = null;
                var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
                {
                    try
                    {
                        using (PowerShell ps = PowerShell.Create())
                            for (int i = 0; i < calls; i++)
                            {
                                ps.Clear().AddCommand("Get-Thread").AddParameter("ThreadId", threadId);
                                if ((string)Connected(ps).Invoke().Single()["id"] == threadId) Interlocked.Increment(ref succeeded);
                            }
                    }
                    catch (Exception e) { failure = e; }
                })).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
                if (failure != null) throw failure;
                return succeeded + "/" + threads * calls;
            });

            PythonHost.Shutdown();
            return 0;
        }
    }
}
