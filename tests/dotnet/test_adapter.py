""".NET objects in Python: conversions and binding as PowerShell treats .NET objects (no I/O)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import psbridge
from psbridge.dotnet import MAX_DEPTH, DotNetSecureString, to_python
from psbridge.dotnet.adapter import DotNetAdapter
from psbridge.objects import Hashtable, PSObject, Uri, find_adapter, to_ps_string, type_names_of

pytestmark = pytest.mark.dotnet


@pytest.fixture(scope="module")
def System(clr: Any) -> Any:
    import System as system

    return system


def net_hashtable(System: Any, **items: Any) -> Any:
    table = System.Collections.Hashtable()
    for key, value in items.items():
        table[key] = value
    return table


def net_list(System: Any, *items: str) -> Any:
    from System.Collections.Generic import List

    result = List[System.String]()
    for item in items:
        result.Add(item)
    return result


def secure_string(System: Any, text: str) -> Any:
    return System.Net.NetworkCredential("user", text).SecurePassword


# -- conversions -------------------------------------------------------------------------------


def test_primitives_convert_as_powershell_sees_them(System: Any) -> None:
    cases = [
        (System.Boolean(False), False),
        (System.Boolean(True), True),
        (System.Int32(-7), -7),
        (System.Int64(2**40), 2**40),
        (System.UInt16(65535), 65535),
        (System.Byte(255), 255),
        (System.Double(2.5), 2.5),
        (System.Decimal(1.25), 1.25),
        (System.Char("x"), "x"),
        (System.String("text"), "text"),
        (System.Guid("d3b07384-d9a0-4c9a-8f1e-123456789abc"), "d3b07384-d9a0-4c9a-8f1e-123456789abc"),
    ]
    for value, expected in cases:
        converted = to_python(value)
        assert converted == expected and type(converted) is type(expected), (value, converted)
    assert to_python(System.Single(1.5)) == 1.5
    assert to_python(System.DayOfWeek.Monday) == "Monday"


def test_datetime_keeps_ticks_and_utc(System: Any) -> None:
    utc = System.DateTime(2024, 5, 6, 7, 8, 9, System.DateTimeKind.Utc).AddTicks(1234560)
    assert to_python(utc) == dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC)
    local = System.DateTime(2024, 5, 6, 7, 8, 9, System.DateTimeKind.Unspecified)
    assert to_python(local) == dt.datetime(2024, 5, 6, 7, 8, 9)


def test_uri_keeps_original_string(System: Any) -> None:
    converted = to_python(System.Uri("http://127.0.0.1:9/v1/"))
    assert isinstance(converted, Uri) and converted.original_string == "http://127.0.0.1:9/v1/"


def test_hashtable_converts_recursively(System: Any) -> None:
    from System.Collections import ArrayList

    inner_list = ArrayList()
    inner_list.Add(1)
    inner_list.Add(net_hashtable(System, deep="yes"))
    table = net_hashtable(
        System,
        Name="x",
        Count=System.Int32(3),
        Flag=System.Boolean(False),
        Base=System.Uri("http://h/"),
        Secret=secure_string(System, "pw"),
        Items=inner_list,
        Nested=net_hashtable(System, a=1),
    )
    converted = to_python(table)
    assert isinstance(converted, Hashtable)
    assert converted["name"] == "x" and converted["COUNT"] == 3 and converted["Flag"] is False
    assert converted["Base"] == Uri("http://h/")
    assert isinstance(converted["Secret"], DotNetSecureString)
    assert converted["Items"][0] == 1 and converted["Items"][1] == Hashtable(deep="yes")
    assert converted["Nested"] == Hashtable(a=1)


def test_generic_dictionary_is_a_hashtable(System: Any) -> None:
    from System.Collections.Generic import Dictionary

    table = Dictionary[System.String, System.Object]()
    table["k"] = System.Int32(1)
    assert to_python(table) == Hashtable(k=1)


def test_nesting_is_depth_limited(System: Any) -> None:
    from System.Collections import ArrayList

    outer = ArrayList()
    outer.Add(outer)  # a cycle must not hang or recurse without end
    converted = to_python(outer)
    depth = 0
    while isinstance(converted, list):
        converted = converted[0]
        depth += 1
    assert depth == MAX_DEPTH + 1
    assert find_adapter(converted) is not None  # what is left is still a .NET object


def test_enumerables_are_lists_strings_and_dictionaries_are_not(System: Any) -> None:
    adapter = DotNetAdapter()
    names = net_list(System, "a", "b")
    assert to_python(names) == ["a", "b"]
    assert adapter.is_enumerable(names)
    assert not adapter.is_enumerable(System.String("ab"))
    assert not adapter.is_enumerable(net_hashtable(System, a=1))
    assert to_ps_string(names) == "a b"
    array = System.Array.CreateInstance(System.Int32, 2)
    array[0], array[1] = 4, 5
    assert to_python(array) == [4, 5]


def test_plain_object_is_a_snapshot_with_its_type_names(System: Any) -> None:
    credential = System.Net.NetworkCredential("user", "pw", "domain")
    snapshot = to_python(credential)
    assert isinstance(snapshot, PSObject)
    assert snapshot.UserName == "user" and snapshot["domain"] == "domain"
    assert snapshot.pstypenames == ["System.Net.NetworkCredential", "System.Object"]
    assert isinstance(snapshot["SecurePassword"], DotNetSecureString)  # property values are converted too


def test_type_names_are_the_type_hierarchy(System: Any, helper_types: Any) -> None:
    assert type_names_of(helper_types.Derived()) == ["PSBridgeTests.Derived", "PSBridgeTests.Base", "System.Object"]
    assert type_names_of(net_hashtable(System)) == ["System.Collections.Hashtable", "System.Object"]
    keys = net_hashtable(System, a=1).Keys  # pythonnet wraps it as ICollection; PowerShell sees the real type
    assert type_names_of(keys)[0] != "System.Collections.ICollection"
    assert type_names_of(keys)[-1] == "System.Object"


def test_properties_public_readable_instance_only(helper_types: Any) -> None:
    adapter = DotNetAdapter()
    ref = helper_types.RunRef("t1", "r1")
    assert adapter.find_property(ref, "THREAD_ID") == (True, "t1")
    assert adapter.find_property(ref, "run_id") == (True, "r1")
    for hidden in ("WriteOnly", "Hidden", "Item", "Static", "nothing"):
        assert adapter.find_property(ref, hidden) == (False, None), hidden
    derived = helper_types.Derived()
    assert adapter.find_property(derived, "basename") == (True, "base")
    assert adapter.find_property(derived, "Throws") == (True, None)  # a throwing getter reads as $null


def test_secure_string_decodes_only_in_reveal(System: Any) -> None:
    secret = to_python(secure_string(System, "sk-ünïcode-secret"))
    assert isinstance(secret, DotNetSecureString) and isinstance(secret, psbridge.SecureString)
    assert "secret" not in repr(secret) and "secret" not in str(secret)
    assert secret.Length == len("sk-ünïcode-secret")
    assert secret.reveal() == "sk-ünïcode-secret"
    assert to_ps_string(secure_string(System, "x")) == "System.Security.SecureString"


# -- binding -------------------------------------------------------------------------------------


def test_object_binds_by_property_name(helper_types: Any) -> None:
    bound = psbridge.bind("Wait-ThreadRun", input=helper_types.RunRef("thread_9", "run_9"))
    assert bound.parameter_set_name == "Id"
    assert bound.bound_parameters == {"ThreadId": "thread_9", "RunId": "run_9"}


@pytest.mark.parametrize("command", ["Get-ThreadRun", "Stop-ThreadRun", "Receive-ThreadRun", "Get-ThreadRunStep"])
def test_object_binds_like_the_same_pscustomobject(helper_types: Any, command: str) -> None:
    net = psbridge.bind(command, input=helper_types.RunRef("thread_9", "run_9"))
    custom = psbridge.bind(command, input={"thread_id": "thread_9", "run_id": "run_9"})
    assert (net.parameter_set_name, net.bound_parameters) == (custom.parameter_set_name, custom.bound_parameters)


def test_property_names_match_ignoring_case(helper_types: Any) -> None:
    # Derived has THREADID (the parameter name in other case), no RunId: the List set.
    bound = psbridge.bind("Get-ThreadRun", input=helper_types.Derived())
    assert bound.bound_parameters["ThreadId"] == "t_from_upper_case"
    assert bound.parameter_set_name == "List"


def _outcome(command: str, input: Any) -> tuple[str, Any]:
    try:
        bound = psbridge.bind(command, input=input)
    except psbridge.ParameterBindingError as error:
        return "error", error.fully_qualified_error_id
    return bound.parameter_set_name, bound.bound_parameters


@pytest.mark.parametrize("command", ["Get-ThreadRun", "Wait-ThreadRun", "Get-Thread"])
def test_hashtable_is_never_bound_by_its_keys(System: Any, command: str) -> None:
    keys = {"thread_id": "thread_9", "run_id": "run_9"}
    net = _outcome(command, net_hashtable(System, **keys))
    assert net == _outcome(command, Hashtable(keys))
    assert net != _outcome(command, dict(keys))  # a PSCustomObject does bind by its keys
    if net[0] != "error":
        assert net[1]["ThreadId"] == "System.Collections.Hashtable"  # the whole table as text, rule 5.3


def test_dotnet_arguments_convert_to_parameter_types(System: Any) -> None:
    from System.Collections.Generic import Dictionary

    metadata = Dictionary[System.String, System.String]()
    metadata["team"] = "dotnet"
    bound = psbridge.bind(
        "Start-ThreadRun",
        ThreadId=System.String("thread_1"),
        Assistant="asst_1",
        MetaData=metadata,
        Include=net_list(System, "step_details.tool_calls[*].file_search.results[*].content"),
        Temperature=System.Decimal(0.5),
        MaxPromptTokens=System.Int64(1000),
        ApiBase=System.Uri("http://127.0.0.1:9/v1"),
        ApiKey=secure_string(System, "sk-secret-for-binding"),
    )
    values = bound.bound_parameters
    # A generic Dictionary is already an IDictionary (and a Mapping in pythonnet): it binds as is.
    assert dict(values["MetaData"].items()) == {"team": "dotnet"}
    assert values["Include"] == ["step_details.tool_calls[*].file_search.results[*].content"]
    assert values["Temperature"] == 0.5 and values["MaxPromptTokens"] == 1000
    assert values["ApiBase"] == Uri("http://127.0.0.1:9/v1")
    assert isinstance(values["ApiKey"], DotNetSecureString)
    assert "sk-secret-for-binding" not in repr(bound)


def test_pstypename_constraint_sees_dotnet_type_names(helper_types: Any) -> None:
    # -Run demands PSOpenAI.Thread.Run: a .NET object is not one, so it binds by property name instead.
    bound = psbridge.bind("Get-ThreadRun", input=helper_types.RunRef("thread_1", "run_1"))
    assert "Run" not in bound.bound_parameters


def test_dotnet_binding_errors_are_powershells(System: Any) -> None:
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.bind("Get-ThreadRun", "thread_1", "run_1", Limit=System.Guid.NewGuid())
    assert caught.value.error_id in ("ParameterArgumentTransformationError", "ParameterNotInParameterSet")
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.bind("Start-ThreadRun", ThreadId="t", Assistant="a", MetaData=net_list(System, "x"))
    assert caught.value.error_id == "ParameterArgumentTransformationError"


def test_pipeline_input_enumerates_lists_but_not_hashtables(System: Any) -> None:
    from psbridge.runtime import input_objects

    table = net_hashtable(System, a=1)
    assert list(input_objects(table)) == [table]  # PowerShell pipes a hashtable as one object
    assert [str(item) for item in input_objects(net_list(System, "x", "y"))] == ["x", "y"]


def test_a_dotnet_secure_string_takes_a_scripts_edits_and_feeds_the_secure_string_cmdlets(System: Any) -> None:
    secret = System.Security.SecureString()
    for char in "key":
        secret.AppendChar(char)
    wrapped = to_python(secret)
    assert isinstance(wrapped, DotNetSecureString)
    out = psbridge.run(
        "$s.AppendChar('!'); $s.InsertAt(0, 'k'); $s | ConvertFrom-SecureString -AsPlainText; "
        "$s.MakeReadOnly(); try { $s.AppendChar('x') } catch { $_.FullyQualifiedErrorId }",
        variables={"s": wrapped},
    )
    assert out == ["kkey!", "InvalidOperationException"]
    assert secret.Length == 5 and secret.IsReadOnly()  # the .NET object itself changed


def test_get_file_hash_reads_a_dotnet_stream_kept_whole(System: Any) -> None:
    import hashlib

    data = bytes(range(256)) * 1000  # more than one 64 KB chunk
    stream = System.IO.MemoryStream(System.Array[System.Byte](data))
    (result,) = psbridge.invoke("Get-FileHash", InputStream=stream, Algorithm="SHA384")
    assert (result.Hash, result.Path) == (hashlib.sha384(data).hexdigest().upper(), "")
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Get-FileHash", InputStream=System.Text.StringBuilder("x"))
    assert caught.value.error_record.fully_qualified_error_id.startswith("CannotConvertArgumentNoMessage,")
