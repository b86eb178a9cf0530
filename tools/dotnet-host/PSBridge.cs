// PSBridge.cs: psbridge's PowerShell hosting API for C#, shaped like
// System.Management.Automation.PowerShell, running psbridge (Python) in-process
// through pythonnet's Python.Runtime.
//
//   using (var ps = PSBridge.PowerShell.Create()) {
//       ps.AddCommand("Get-ThreadRun").AddParameter("ThreadId", "thread_1").AddParameter("All");
//       foreach (PSBridge.PSObject run in ps.Invoke())
//           Console.WriteLine(run["id"] + " " + run.Properties["status"].Value);
//       if (ps.HadErrors) foreach (var e in ps.Streams.Error) Console.Error.WriteLine(e.FullyQualifiedErrorId);
//   }
//   PSBridge.PythonHost.Shutdown();   // once, at exit, on the thread that started Python
//   (or PSBridge.PythonHost.Exit(status) to end the process right there: see its remarks)
//
// Values cross as they are: arguments are handed to Python as .NET objects
// (a Hashtable stays a hashtable, a SecureString stays secret until a request
// is sent) and psbridge's .NET adapter binds them the way PowerShell binds .NET
// objects. Output objects come back as PSObject (note properties + TypeNames);
// an output passed back as an argument is the original Python object again.
//
// Build (tools/dotnet-host/run.sh does this):
//   mcs -target:library -out:bin/PSBridge.dll -r:bin/Python.Runtime.dll \
//       -r:/usr/lib/mono/4.5/Facades/netstandard.dll -r:System.Numerics.dll PSBridge.cs

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Python.Runtime;

namespace PSBridge
{
    /// <summary>Starts the embedded Python once per process and hands out psbridge's modules.</summary>
    /// <remarks>
    /// Python is found the way pythonnet finds it: PYTHONNET_VENV (or VIRTUAL_ENV) for a virtual
    /// environment, PYTHONNET_PYDLL for a plain interpreter, or <see cref="PythonDll"/> and
    /// <see cref="ProgramName"/> set before the first use. After start-up the GIL is released,
    /// so any thread may use the API; every call takes the GIL for its own duration only.
    /// </remarks>
    public static class PythonHost
    {
        static readonly object Gate = new object();
        static bool started;
        static bool ownsEngine;
        static IntPtr mainThreadState;
        static PyObject hostModule;
        static PyObject powerShellClass;

        /// <summary>libpython to load (else PYTHONNET_PYDLL / PYTHONNET_VENV decide).</summary>
        public static string PythonDll { get; set; }

        /// <summary>The interpreter whose prefix and site-packages Python should use (a venv's bin/python).</summary>
        public static string ProgramName { get; set; }

        /// <summary>Extra directories put first on sys.path (e.g. a source checkout of psbridge).</summary>
        public static readonly List<string> SearchPaths = new List<string>();

        public static bool IsStarted { get { return started; } }

        /// <summary>Starts Python if needed. Call it on the main thread in a multi-threaded host.</summary>
        public static void Start()
        {
            if (started) return;
            lock (Gate)
            {
                if (started) return;
                if (!PythonEngine.IsInitialized)
                {
                    if (!string.IsNullOrEmpty(PythonDll)) Runtime.PythonDLL = PythonDll;
                    if (!string.IsNullOrEmpty(ProgramName)) PythonEngine.ProgramName = ProgramName;
                    PythonEngine.Initialize();
                    ownsEngine = true;
                    // Without this the main thread keeps the GIL for ever: any other thread that
                    // calls into Python waits for ever, and on CoreCLR so does the exit.
                    mainThreadState = PythonEngine.BeginAllowThreads();
                }
                using (Py.GIL()) ImportModules();
                started = true;
            }
        }

        static void ImportModules()
        {
            if (SearchPaths.Count > 0)
            {
                using (PyObject sys = Py.Import("sys"))
                using (PyObject path = sys.GetAttr("path"))
                {
                    for (int i = SearchPaths.Count - 1; i >= 0; i--)
                        using (var dir = new PyString(SearchPaths[i])) path.InvokeMethod("insert", new PyInt(0), dir).Dispose();
                }
            }
            hostModule = Py.Import("psbridge.dotnet.host");
            using (PyObject hosting = Py.Import("psbridge.hosting"))
                powerShellClass = hosting.GetAttr("PowerShell");
        }

        /// <summary>Stops Python (only if this class started it). Call once, at exit, on the thread that called Start.</summary>
        /// <remarks>
        /// PythonEngine.Shutdown runs up to 20 rounds of .NET and Python garbage collection, which takes
        /// 0.4-1 s once psbridge's modules are loaded. A host that is about to exit can pass
        /// <paramref name="processExit"/> = true instead: Python's exit handlers run and its streams are
        /// flushed, the GIL stays released (so no thread waits for it at exit, the CoreCLR hang), and
        /// the interpreter ends with the process. Python cannot be used afterwards either way.
        /// </remarks>
        public static void Shutdown(bool processExit = false)
        {
            lock (Gate)
            {
                if (!started) return;
                started = false;
                if (!ownsEngine) return;
                if (processExit)
                {
                    using (Py.GIL())
                    {
                        hostModule.InvokeMethod("exit_handlers").Dispose();
                        hostModule.Dispose();
                        powerShellClass.Dispose();
                    }
                    return;
                }
                PythonEngine.EndAllowThreads(mainThreadState);
                hostModule.Dispose();
                powerShellClass.Dispose();
                PythonEngine.Shutdown();
            }
        }

        /// <summary>Ends the process now with <paramref name="status"/>, after Python's exit handlers and a flush of
        /// .NET's and Python's standard streams. Never returns.</summary>
        /// <remarks>
        /// A normal return from Main runs .NET's ProcessExit handlers, and pythonnet registers one that
        /// finalizes Python. That finalization races with Python threads still ending (psbridge's wait
        /// workers, a user's daemon threads): under load it aborts the process with "Fatal Python error:
        /// drop_gil" and Mono's crash report on stdout, after the output was written. Ending the process
        /// here leaves nothing to race with; Python's exit handlers have already run.
        /// </remarks>
        public static void Exit(int status)
        {
            Shutdown(processExit: true);
            Console.Out.Flush();
            Console.Error.Flush();
            EndProcess(status);
        }

        [DllImport("libc", EntryPoint = "_exit")]
        static extern void EndProcess(int status);

        internal static PyObject Host { get { Start(); return hostModule; } }
        internal static PyObject PowerShellClass { get { Start(); return powerShellClass; } }
    }

    /// <summary>One pipeline to build and invoke; like System.Management.Automation.PowerShell.</summary>
    /// <remarks>Not thread-safe (neither is the original): use one instance per thread.</remarks>
    public sealed class PowerShell : IDisposable
    {
        PyObject shell;

        PowerShell(PyObject shell)
        {
            this.shell = shell;
            Streams = new PSDataStreams();
        }

        public static PowerShell Create()
        {
            PyObject type = PythonHost.PowerShellClass;
            using (Py.GIL()) return new PowerShell(type.Invoke());
        }

        public PSDataStreams Streams { get; private set; }

        /// <summary>True when the last Invoke wrote an error record or threw.</summary>
        public bool HadErrors { get; private set; }

        public PowerShell AddCommand(string command) { return Call("add_command", command); }

        public PowerShell AddScript(string script) { return Call("add_script", script); }

        /// <summary>-Name:value.</summary>
        public PowerShell AddParameter(string parameterName, object value) { return Call("add_parameter", parameterName, value); }

        /// <summary>A switch parameter that is present (-Name).</summary>
        public PowerShell AddParameter(string parameterName) { return Call("add_parameter", parameterName); }

        public PowerShell AddArgument(object value) { return Call("add_argument", value); }

        /// <summary>Each entry is a named parameter.</summary>
        public PowerShell AddParameters(IDictionary parameters)
        {
            foreach (DictionaryEntry entry in parameters) AddParameter(Convert.ToString(entry.Key), entry.Value);
            return this;
        }

        /// <summary>Each item is a positional argument.</summary>
        public PowerShell AddParameters(IList arguments)
        {
            foreach (object item in arguments) AddArgument(item);
            return this;
        }

        /// <summary>Forgets the commands (the session's variables stay), like Commands.Clear().</summary>
        public PowerShell Clear()
        {
            using (Py.GIL()) shell.InvokeMethod("clear").Dispose();
            return this;
        }

        public Collection<PSObject> Invoke() { return Invoke(null); }

        /// <summary>Runs the pipeline with each item of <paramref name="input"/> as one pipeline object.</summary>
        /// <exception cref="ParameterBindingException">the command line did not bind (nothing ran).</exception>
        /// <exception cref="RuntimeException">a terminating error (e.g. -ErrorAction Stop).</exception>
        public Collection<PSObject> Invoke(IEnumerable input)
        {
            EnsureNotDisposed();
            var output = new Collection<PSObject>();
            Exception failure = null;
            using (Py.GIL())
            {
                PyObject pyInput = input == null ? PyObject.None : Values.ListToPython(input);
                using (pyInput)
                using (PyObject result = PythonHost.Host.InvokeMethod("invoke", shell, pyInput))
                {
                    using (PyObject items = result.GetItem(0))
                    {
                        long count = items.Length();
                        for (int i = 0; i < count; i++)
                            using (PyObject item = items.GetItem(i)) output.Add(PSObject.AsPSObject(Values.FromPython(item)));
                    }
                    using (PyObject records = result.GetItem(3))
                    {
                        long count = records.Length();
                        for (int i = 0; i < count; i++)
                            using (PyObject record = records.GetItem(i)) Streams.Error.Add(ErrorRecord.FromPython(record));
                    }
                    using (PyObject warnings = result.GetItem(4))
                    {
                        long count = warnings.Length();
                        for (int i = 0; i < count; i++)
                            using (PyObject warning = warnings.GetItem(i)) Streams.Warning.Add(warning.As<string>());
                    }
                    using (PyObject hadErrors = result.GetItem(2)) HadErrors = hadErrors.IsTrue();
                    using (PyObject error = result.GetItem(1))
                        if (!error.IsNone()) failure = ToException(error);
                }
            }
            if (failure != null) throw failure;
            return output;
        }

        static Exception ToException(PyObject failure)
        {
            string kind;
            ErrorRecord record;
            using (PyObject k = failure.GetItem(0)) kind = k.As<string>();
            using (PyObject r = failure.GetItem(1)) record = ErrorRecord.FromPython(r);
            switch (kind)
            {
                case "binding": return record.Exception = new ParameterBindingException(record);
                case "invalid_operation": return new InvalidOperationException(record.Message);
                default: return record.Exception = new RuntimeException(record);
            }
        }

        PowerShell Call(string method, string name)
        {
            EnsureNotDisposed();
            using (Py.GIL())
            using (var pyName = new PyString(name))
                return Checked(method, pyName);
        }

        PowerShell Call(string method, string name, object value)
        {
            EnsureNotDisposed();
            using (Py.GIL())
            using (var pyName = new PyString(name))
            using (PyObject pyValue = Values.ToPython(value))
                return Checked(method, pyName, pyValue);
        }

        PowerShell Call(string method, object value)
        {
            EnsureNotDisposed();
            using (Py.GIL())
            using (PyObject pyValue = Values.ToPython(value))
                return Checked(method, pyValue);
        }

        PowerShell Checked(string method, params PyObject[] args)
        {
            try
            {
                shell.InvokeMethod(method, args).Dispose();
            }
            catch (PythonException e)
            {
                // psbridge raises ValueError for misuse (a parameter before any command ...),
                // as System.Management.Automation throws InvalidOperationException.
                throw new InvalidOperationException(e.Message, e);
            }
            return this;
        }

        void EnsureNotDisposed()
        {
            if (shell == null) throw new ObjectDisposedException("PowerShell");
        }

        public void Dispose()
        {
            PyObject s = shell;
            shell = null;
            if (s != null && PythonHost.IsStarted)
                using (Py.GIL()) s.Dispose();
        }
    }

    /// <summary>The streams other than output; records accumulate over invocations, as in PowerShell.</summary>
    public sealed class PSDataStreams
    {
        public PSDataStreams()
        {
            Error = new List<ErrorRecord>();
            Warning = new List<string>();
        }

        public List<ErrorRecord> Error { get; private set; }

        public List<string> Warning { get; private set; }

        public void ClearStreams()
        {
            Error.Clear();
            Warning.Clear();
        }
    }

    /// <summary>PowerShell's ErrorCategory, by name.</summary>
    public enum ErrorCategory
    {
        NotSpecified, OpenError, CloseError, DeviceError, DeadlockDetected, InvalidArgument, InvalidData,
        InvalidOperation, InvalidResult, InvalidType, MetadataError, NotImplemented, NotInstalled, ObjectNotFound,
        OperationStopped, OperationTimeout, SyntaxError, ParserError, PermissionDenied, ResourceBusy, ResourceExists,
        ResourceUnavailable, ReadError, WriteError, FromStdErr, SecurityError, ProtocolError, ConnectionError,
        AuthenticationError, LimitsExceeded, QuotaExceeded, NotEnabled,
    }

    public sealed class ErrorCategoryInfo
    {
        readonly string text;

        internal ErrorCategoryInfo(ErrorCategory category, string reason, string text)
        {
            Category = category;
            Reason = reason;
            this.text = text;
        }

        public ErrorCategory Category { get; private set; }

        /// <summary>The exception type name (ParameterBindingException ...).</summary>
        public string Reason { get; private set; }

        /// <summary>"InvalidArgument: (:) [Get-ThreadRun], ParameterBindingException".</summary>
        public override string ToString() { return text; }
    }

    /// <summary>One error as PowerShell records it.</summary>
    public sealed class ErrorRecord
    {
        public string FullyQualifiedErrorId { get; private set; }
        public string ErrorId { get; private set; }
        public string Message { get; private set; }
        public ErrorCategoryInfo CategoryInfo { get; private set; }

        /// <summary>The target object as PowerShell text ("" when there was none).</summary>
        public string TargetObject { get; private set; }

        /// <summary>The record as PowerShell prints it (message, + CategoryInfo, + FullyQualifiedErrorId).</summary>
        public string Formatted { get; private set; }

        /// <summary>The exception Invoke threw for this record; for non-terminating errors a RuntimeException.</summary>
        public Exception Exception { get; internal set; }

        internal static ErrorRecord FromPython(PyObject fields)
        {
            var record = new ErrorRecord();
            record.FullyQualifiedErrorId = Values.ItemString(fields, 0);
            record.ErrorId = Values.ItemString(fields, 1);
            record.Message = Values.ItemString(fields, 2);
            ErrorCategory category;
            if (!Enum.TryParse(Values.ItemString(fields, 3), out category)) category = ErrorCategory.NotSpecified;
            record.CategoryInfo = new ErrorCategoryInfo(category, Values.ItemString(fields, 5), Values.ItemString(fields, 4));
            record.TargetObject = Values.ItemString(fields, 6);
            record.Formatted = Values.ItemString(fields, 7);
            record.Exception = new RuntimeException(record);
            return record;
        }

        public override string ToString() { return Message; }
    }

    /// <summary>A PowerShell error raised from Invoke; carries its ErrorRecord.</summary>
    public class RuntimeException : Exception
    {
        public RuntimeException(ErrorRecord errorRecord) : base(errorRecord.Message) { ErrorRecord = errorRecord; }

        public ErrorRecord ErrorRecord { get; private set; }
    }

    /// <summary>The command line did not bind; nothing ran.</summary>
    public class ParameterBindingException : RuntimeException
    {
        public ParameterBindingException(ErrorRecord errorRecord) : base(errorRecord) { }
    }

    /// <summary>A property of a PSObject: a note property, or a .NET property of the base object.</summary>
    public sealed class PSPropertyInfo
    {
        readonly object target;
        readonly PropertyInfo property;
        object value;

        public PSPropertyInfo(string name, object value)
        {
            Name = name;
            this.value = value;
        }

        internal PSPropertyInfo(object target, PropertyInfo property)
        {
            Name = property.Name;
            this.target = target;
            this.property = property;
        }

        public string Name { get; private set; }

        public object Value
        {
            get
            {
                if (property == null) return value;
                try { return property.GetValue(target, null); }
                catch (TargetInvocationException) { return null; }
            }
            set
            {
                if (property == null) this.value = value;
                else property.SetValue(target, value, null);
            }
        }

        public string TypeNameOfValue
        {
            get
            {
                if (property != null) return property.PropertyType.FullName;
                object v = Value;
                return v == null ? "System.Object" : v.GetType().FullName;
            }
        }

        public override string ToString() { return Name + " = " + Value; }
    }

    /// <summary>A PSObject's properties: ordered, names compared ignoring case; a missing name gives null.</summary>
    public sealed class PSPropertyCollection : IEnumerable<PSPropertyInfo>
    {
        readonly List<PSPropertyInfo> items = new List<PSPropertyInfo>();
        readonly Dictionary<string, int> index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public int Count { get { return items.Count; } }

        public PSPropertyInfo this[string name]
        {
            get
            {
                int i;
                return index.TryGetValue(name, out i) ? items[i] : null;
            }
        }

        /// <summary>Adds a property, or replaces the one with the same name (ignoring case).</summary>
        public void Add(PSPropertyInfo property)
        {
            int i;
            if (index.TryGetValue(property.Name, out i)) items[i] = property;
            else
            {
                index[property.Name] = items.Count;
                items.Add(property);
            }
        }

        public bool Contains(string name) { return index.ContainsKey(name); }

        public IEnumerator<PSPropertyInfo> GetEnumerator() { return items.GetEnumerator(); }

        IEnumerator IEnumerable.GetEnumerator() { return items.GetEnumerator(); }
    }

    /// <summary>An output object: a custom object (note properties) or a wrapped .NET value.</summary>
    /// <remarks>
    /// psbridge's objects (runs, threads, [pscustomobject]) arrive as custom objects: Properties are their
    /// note properties in order, TypeNames their pstypenames ("PSOpenAI.Thread.Run", ...) and BaseObject
    /// the PSObject itself. Anything else (a string, a number, a Hashtable, a .NET object that passed
    /// through) is wrapped: BaseObject is the value, Properties its public .NET properties, TypeNames
    /// its type hierarchy.
    /// </remarks>
    public sealed class PSObject
    {
        static readonly Dictionary<Type, PropertyInfo[]> PropertyCache = new Dictionary<Type, PropertyInfo[]>();

        readonly object baseObject;
        readonly List<string> typeNames;
        PSPropertyCollection properties;

        /// <summary>An empty custom object (a [pscustomobject]); add note properties to it.</summary>
        public PSObject()
        {
            typeNames = new List<string> { "System.Management.Automation.PSCustomObject", "System.Object" };
            properties = new PSPropertyCollection();
        }

        /// <summary>Wraps a .NET value.</summary>
        public PSObject(object obj)
        {
            if (obj == null) throw new ArgumentNullException("obj");
            baseObject = obj;
            typeNames = new List<string>();
            for (Type t = obj.GetType(); t != null; t = t.BaseType) typeNames.Add(t.FullName);
        }

        internal PSObject(List<string> typeNames, PSPropertyCollection properties, PyObject origin)
        {
            this.typeNames = typeNames;
            this.properties = properties;
            Origin = origin;
        }

        /// <summary>The Python object this came from (passed back to Python as itself); null if made in C#.</summary>
        internal PyObject Origin { get; private set; }

        /// <summary>The object itself if it is a PSObject, else a wrapper; null stays null (a $null output).</summary>
        public static PSObject AsPSObject(object obj)
        {
            return obj == null ? null : obj as PSObject ?? new PSObject(obj);
        }

        public bool IsCustomObject { get { return baseObject == null; } }

        public object BaseObject { get { return baseObject ?? this; } }

        /// <summary>Type names, most specific first; mutable, as $obj.pstypenames is.</summary>
        public IList<string> TypeNames { get { return typeNames; } }

        public PSPropertyCollection Properties
        {
            get
            {
                if (properties == null)
                {
                    var collection = new PSPropertyCollection();
                    foreach (PropertyInfo p in PublicProperties(baseObject.GetType()))
                        collection.Add(new PSPropertyInfo(baseObject, p));
                    properties = collection;
                }
                return properties;
            }
        }

        /// <summary>A property's value by name (ignoring case); null when there is no such property.</summary>
        public object this[string propertyName]
        {
            get
            {
                PSPropertyInfo p = Properties[propertyName];
                return p == null ? null : p.Value;
            }
            set
            {
                PSPropertyInfo p = Properties[propertyName];
                if (p != null) p.Value = value;
                else if (IsCustomObject) Properties.Add(new PSPropertyInfo(propertyName, value));
                else throw new InvalidOperationException("A wrapped .NET object has no property '" + propertyName + "'.");
            }
        }

        static PropertyInfo[] PublicProperties(Type type)
        {
            lock (PropertyCache)
            {
                PropertyInfo[] found;
                if (!PropertyCache.TryGetValue(type, out found))
                {
                    var list = new List<PropertyInfo>();
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                        if (p.CanRead && p.GetIndexParameters().Length == 0 && p.GetGetMethod() != null && seen.Add(p.Name))
                            list.Add(p);
                    found = list.ToArray();
                    PropertyCache[type] = found;
                }
                return found;
            }
        }

        /// <summary>PowerShell's text: "@{a=1; b=x}" for a custom object, ToString() of a wrapped value.</summary>
        public override string ToString()
        {
            if (!IsCustomObject) return Convert.ToString(baseObject, System.Globalization.CultureInfo.InvariantCulture);
            var text = new StringBuilder("@{");
            bool first = true;
            foreach (PSPropertyInfo p in properties)
            {
                if (!first) text.Append("; ");
                first = false;
                text.Append(p.Name).Append('=').Append(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            return text.Append('}').ToString();
        }

        internal PyObject ToPython()
        {
            if (Origin != null) return Origin.NewReference();
            if (!IsCustomObject) return Values.ToPython(baseObject);
            using (var names = new PyList())
            using (var values = new PyList())
            using (var types = new PyList())
            {
                foreach (string t in typeNames) using (var s = new PyString(t)) types.Append(s);
                foreach (PSPropertyInfo p in properties)
                {
                    using (var s = new PyString(p.Name)) names.Append(s);
                    using (PyObject v = Values.ToPython(p.Value)) values.Append(v);
                }
                return PythonHost.Host.InvokeMethod("make_psobject", types, names, values);
            }
        }
    }

    /// <summary>Conversions at the boundary (the caller holds the GIL).</summary>
    static class Values
    {
        static PyType boolType;

        static PyType BoolType
        {
            get
            {
                if (boolType == null)
                    using (PyObject builtins = Py.Import("builtins"))
                    using (PyObject type = builtins.GetAttr("bool"))
                        boolType = new PyType(type);
                return boolType;
            }
        }

        /// <summary>A .NET argument for Python: itself (wrapped), except psbridge's own PSObjects.</summary>
        internal static PyObject ToPython(object value)
        {
            if (value == null) return PyObject.None;
            var psobject = value as PSObject;
            if (psobject != null) return psobject.ToPython();
            var sequence = value as IEnumerable;
            if (sequence != null && !(value is string) && !(value is IDictionary) && HoldsPSObject(sequence))
                return ListToPython(sequence);
            return value.ToPython();
        }

        internal static PyObject ListToPython(IEnumerable items)
        {
            var list = new PyList();
            foreach (object item in items)
                using (PyObject element = ToPython(item)) list.Append(element);
            return list;
        }

        static bool HoldsPSObject(IEnumerable items)
        {
            foreach (object item in items) if (item is PSObject) return true;
            return false;
        }

        internal static string ItemString(PyObject tuple, int i)
        {
            using (PyObject item = tuple.GetItem(i)) return item.IsNone() ? null : item.As<string>();
        }

        /// <summary>A value exported by psbridge.dotnet.host.export, as .NET.</summary>
        internal static object FromPython(PyObject value)
        {
            if (value.IsNone()) return null;
            if (PyString.IsStringType(value)) return value.As<string>();
            if (PyInt.IsIntType(value))
            {
                if (value.TypeCheck(BoolType)) return value.IsTrue();
                long number;
                try { number = value.As<long>(); }
                catch (OverflowException) { return System.Numerics.BigInteger.Parse(value.ToString(), CultureInfo.InvariantCulture); }
                // PowerShell's integers are Int32 when they fit, as its number literals are.
                if (number >= int.MinValue && number <= int.MaxValue) return (int)number;
                return number;
            }
            if (PyFloat.IsFloatType(value)) return value.As<double>();
            if (!PyTuple.IsTupleType(value)) return value.AsManagedObject(typeof(object));
            string tag = ItemString(value, 0);
            switch (tag)
            {
                case "psobject": return ToPSObject(value);
                case "hashtable":
                {
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    using (PyObject keys = value.GetItem(1))
                    using (PyObject values = value.GetItem(2))
                    {
                        long count = keys.Length();
                        for (int i = 0; i < count; i++)
                            using (PyObject k = keys.GetItem(i))
                            using (PyObject v = values.GetItem(i))
                                table[FromPython(k)] = FromPython(v);
                    }
                    return table;
                }
                case "array":
                    using (PyObject items = value.GetItem(1)) return ArrayFromPython(items);
                case "datetime":
                    using (PyObject ticks = value.GetItem(1))
                    using (PyObject kind = value.GetItem(2))
                        return new DateTime(ticks.As<long>(), (DateTimeKind)kind.As<int>());
                case "timespan":
                    using (PyObject ticks = value.GetItem(1)) return new TimeSpan(ticks.As<long>());
                case "uri":
                    return new Uri(ItemString(value, 1), UriKind.RelativeOrAbsolute);
                default:
                    throw new InvalidOperationException("psbridge exported an unknown value kind '" + tag + "'.");
            }
        }

        static object[] ArrayFromPython(PyObject items)
        {
            long count = items.Length();
            var result = new object[count];
            for (int i = 0; i < count; i++)
                using (PyObject item = items.GetItem(i)) result[i] = FromPython(item);
            return result;
        }

        static PSObject ToPSObject(PyObject value)
        {
            var typeNames = new List<string>();
            using (PyObject types = value.GetItem(1))
            {
                long count = types.Length();
                for (int i = 0; i < count; i++) typeNames.Add(ItemString(types, i));
            }
            var properties = new PSPropertyCollection();
            using (PyObject names = value.GetItem(2))
            using (PyObject values = value.GetItem(3))
            {
                long count = names.Length();
                for (int i = 0; i < count; i++)
                    using (PyObject v = values.GetItem(i))
                        properties.Add(new PSPropertyInfo(ItemString(names, i), FromPython(v)));
            }
            return new PSObject(typeNames, properties, value.GetItem(4));
        }
    }
}
