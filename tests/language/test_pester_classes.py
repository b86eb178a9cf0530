# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""Classes and enums, from PowerShell's Pester tests (test/powershell/Language/Classes/; each case
cites file:line).  Errors PowerShell raises at run time are checked the way a script sees them:
``try { ... } catch { $_.FullyQualifiedErrorId }``."""

from __future__ import annotations

import pytest

from tests.language.pester_helpers import Case, case_ids, run_case

EN = "Classes/scripting.enums.tests.ps1"
ENUM_CASES: list[Case] = [
    (f"{EN}:13", "enum E1 { e0; e1; e2 }; [E1]::e0 -eq [E1]0; [E1]::e1 -eq [E1]1; [E1]::e2 -eq [E1]2", [True, True, True]),
    (f"{EN}:16", "enum E1 { e0; e1; e2 }; [E1]::e1 -eq 'e1'; 'e2' -eq [E1]::e2", [True, True]),
    (f"{EN}:28", "enum E2 { e0; e1 = 5; e2 }; [int][E2]::e0; [int][E2]::e1; [int][E2]::e2", [0, 5, 6]),
    (f"{EN}:44", "enum E3 { e0; e1 = 5; e2 = [int]::MaxValue; e3 = 1 }; [int][E3]::e2; [int][E3]::e3; 'e3' -eq [E3]::e3", [2147483647, 1, True]),
    (f"{EN}:69", "enum E4 { e0 = [E5]::e0 + 2 }; enum E5 { e0 = [E6]::e0 + 2 }; enum E6 { e0 =38 }; [E4]::e0 -eq [E4]42; [E5]::e0 -eq [E5]40; [E6]::e0 -eq [E6]38", [True, True, True]),
    (f"{EN}:84", "enum EX1 : byte { A;B;C;D }; [Enum]::GetUnderlyingType([EX1]) -eq [byte]", [True]),
    (f"{EN}:85", "enum EX2 : sbyte { A;B }; [Enum]::GetUnderlyingType([EX2]).FullName", ["System.SByte"]),
    (f"{EN}:86", "enum EX3 : short { A;B }; [Enum]::GetUnderlyingType([EX3]).FullName", ["System.Int16"]),
    (f"{EN}:87", "enum EX4 : ushort { A;B }; [Enum]::GetUnderlyingType([EX4]).FullName", ["System.UInt16"]),
    (f"{EN}:88", "enum EX5 : int { A;B }; [Enum]::GetUnderlyingType([EX5]).FullName", ["System.Int32"]),
    (f"{EN}:89", "enum EX6 : uint { A;B }; [Enum]::GetUnderlyingType([EX6]).FullName", ["System.UInt32"]),
    (f"{EN}:90", "enum EX7 : long { A;B }; [Enum]::GetUnderlyingType([EX7]).FullName", ["System.Int64"]),
    (f"{EN}:91", "enum EX8 : ulong { A;B }; [Enum]::GetUnderlyingType([EX8]).FullName", ["System.UInt64"]),
    (f"{EN}:101", "enum V1 { A = -4; B = [int]::MinValue; C }; [V1]::A.value__; [V1]::B.value__; [V1]::C.value__", [-4, -2147483648, -2147483647]),
]
ENUM_ERRORS = [
    (116, "enum foo { x; x }", "MemberAlreadyDefined"),
    (117, "enum foo { X; x }", "MemberAlreadyDefined"),
    (118, "enum foo1 { x = [foo2]::x } enum foo2 { x = [foo1]::x }", "CycleInEnumInitializers"),
    (119, "enum foo { e = [int]::MaxValue;  e2 }", "EnumeratorValueOutOfBounds"),
    (120, "enum foo { e = [int]::MaxValue + 1 }", "EnumeratorValueOutOfBounds"),
    (121, "enum foo : byte { e = -1 }", "EnumeratorValueOutOfBounds"),
    (122, "enum foo { e = $foo }", "EnumeratorValueMustBeConstant"),
    (123, 'enum foo { e = "hello" }', "CannotConvertValue"),
]
ENUM_CASES += [(f"{EN}:{line}", f"try {{ {source} }} catch {{ $_.FullyQualifiedErrorId }}", [error_id]) for line, source, error_id in ENUM_ERRORS]

BP = "Classes/Scripting.Classes.BasicParsing.Tests.ps1"
PARSING_CASES: list[Case] = [
    (f"{BP}:12", "class C1 {}; class C3 { [int] $x; }; class C6 { static $x; }; class C8a { [C1] $c1; }; class C9 { [C9] $c9; }; class C10c { hidden static $x; static hidden $y }; [C3]::new().x; $null -eq [C9]::new().c9", [0, True]),
    (f"{BP}:64", "class C3 { [int] f() { return 1 } }; class C7 { static [hashtable] f1() { return @{} } }; [C3]::new().f(); [C7]::f1().GetType().Name", [1, "Hashtable"]),
    (f"{BP}:73", "class C5 { [string] f1() { return 'none' } [string] f1($a) { return \"one: $a\" } }; [C5]::new().f1(); [C5]::new().f1(7)", ["none", "one: 7"]),
    (f"{BP}:112", "class C9 { [C9] f() { return [C9]::new() } }; [C9]::new().f().GetType().Name", ["C9"]),
    (f"{BP}:115", "class C9a { [C9a[]] f() { return [C9a]::new() } }; [C9a]::new().f().GetType().Name", ["C9a[]"]),
    (f"{BP}:118", "class C9b { [System.Collections.Generic.List[C9b]] f() { return [C9b]::new() } }; [C9b]::new().f() -is [System.Collections.Generic.List[C9b]]", [True]),
    (f"{BP}:125", "class Foo { [object] Bar1() { return & {} } static [object] Bar2() { return & {} } }; $null -eq [Foo]::new().Bar1(); $null -eq [foo]::Bar2()", [True, True]),
    (f"{BP}:255", "class A { $h; A() { $this.h = [ordered] @{} } }; [A]::new().h.GetType().Name", ["OrderedDictionary"]),
    (f"{BP}:448", 'class T : IDisposable { [string] Begin() { return "Begin" } [string] Process() { return "Process" } [string] End() { return "End" } hidden $Data = "Secrets"; Dispose() { $this.Data = [string]::Empty } }; $o = [T]::new(); $o.Begin(); $o.Process(); $o.End(); $o.Data; $( $o.Dispose(); $o.Data )', ["Begin", "Process", "End", "Secrets", ""]),
    (f"{BP}:558", "class Point { Point($x, $y) { $this.x = $x; $this.y = $y }\n Point() {}\n [int] $x = 0; [int] $y = 0\n Add([Point] $val) { $this.x += $val.x; $this.y += $val.y; } }; $p = [Point]::new(100,200); $p.Add([Point]::new(1,2)); $p.x; $p.y", [101, 202]),
    (f"{BP}:586", "class R { [R] CreateInstance() { return [R]::new() } [string] SayHello() { return 'Hello1' } }; [R]::new().CreateInstance().SayHello()", ["Hello1"]),
    (f"{BP}:708", "class C1 { [int]$visibleX; [int]$visibleY; hidden [int]$hiddenZ }; $i = [C1]@{ visibleX = 10; visibleY = 12; hiddenZ = 42 }; $i.hiddenZ", [42]),
    (f"{BP}:710", "class C1 { [int]$visibleX; [int]$visibleY; hidden [int]$hiddenZ }; [C1]@{ visibleX = 10; visibleY = 12; hiddenZ = 42 } | Format-Table -AutoSize | Out-String", ["\nvisibleX visibleY\n-------- --------\n      10       12\n\n"]),
    (f"{BP}:764", "class C1 { [string] GetContext() { return 'Test scope' } }; filter f1 { class C1 { [string] GetContext() { return 'f1 scope' } }; return [C1]::new().GetContext() }; [C1]::new().GetContext(); (f1); (1 | f1 | f1)", ["Test scope", "f1 scope", "f1 scope"]),
    (f"{BP}:789", "$a = $null; 1..3 | ForEach-Object { class C {}; if ($a) { $a -eq [C] }; $a = [C] }", [True, True]),
    (f"{BP}:874", "class A {}; class B { [object] getA2() { return [A]::new() } }; [string][B]::new().getA2()", ["A"]),
    (f"{BP}:964", "class A { [string] getFoo() { return 'foo'} }; class B { static [A] getA () { [A] $var = [A]::new(); return $var } }; [B]::getA().getFoo()", ["foo"]),
]
PARSING_ERRORS = [
    (268, "class foo { $x; $x; }", "MemberAlreadyDefined"),
    (271, "class foo { [zz]$x; }", "TypeNotFound"),
    (272, "class foo { [zz]f() { return 0 } }", "TypeNotFound"),
    (273, "class foo { f([zz]$x) {} }", "TypeNotFound"),
    (276, "class C { f(){} f(){} }", "MemberAlreadyDefined"),
    (277, "class C { F(){} F($o){} [int] F($o) {return 1} }", "MemberAlreadyDefined"),
    (278, "class C { f(){} f($a){} f(){} }", "MemberAlreadyDefined"),
    (279, "class C { f([int]$a){} f([int]$b){} }", "MemberAlreadyDefined"),
    (280, "class C { $x; [int]$x; }", "MemberAlreadyDefined"),
    (281, "class C { static C($x) {} }", "StaticConstructorCantHaveParameters"),
    (282, "class C { static C([int]$x = 100) {} }", "StaticConstructorCantHaveParameters"),
]
PARSING_CASES += [(f"{BP}:{line}", f"try {{ {source} }} catch {{ $_.FullyQualifiedErrorId }}", [error_id]) for line, source, error_id in PARSING_ERRORS]

IN = "Classes/scripting.Classes.inheritance.tests.ps1"
INHERITANCE_CASES: list[Case] = [
    (f"{IN}:11", "class C1 {}; class C2a : C1 {}; class C2b:C1 {}; [C2a]::new().GetType().BaseType.Name; [C2b].BaseType.Name", ["C1", "C1"]),
    (f"{IN}:17", "class C4 { C4([int]$a) {} }; class C5 : C4 { C5() : base(1) {} }; class C6 {}; class C7 : C6 { C7() : base() {} }; [C5]::new().GetType().Name; [C7]::new() -is [C6]", ["C5", True]),
    (f"{IN}:130", "class A { static [B]$b }; class B : A {}; [A]::b = [B]::new(); [A]::b.GetType().Name; try { [A]::b = 'bla' } catch { $_.FullyQualifiedErrorId }", ["B", "ExceptionWhenSetting"]),
    (f"{IN}:228", "class bar { [int]foo() {return 100500} }; class baz : bar {}; [baz]::new().foo()", [100500]),
    (f"{IN}:237", "class bar { static [int]foo() {return 100500} }; class baz : bar {}; [baz]::foo()", [100500]),
    (f"{IN}:256", "class A { static [int]$si; [int]$i }; class B : A { [void]foo() { $this::si = 1001; $this.i = 1003 } }; $b = [B]::new(); $b.foo(); [A]::si; $b.i", [1001, 1003]),
    (f"{IN}:279", "class bar { [int]foo() {return 100500} }; class baz : bar { [int]foo() {return 200600} }; [baz]::new().foo()", [200600]),
    (f"{IN}:363", "class bar { [int]foo() {return 1001} }; class baz : bar { [int] $n; [int]foo() { if ($this.n++ -gt 0) { throw 'Recursion happens' }; return 3 * ([bar]$this).foo() } }; [baz]::new().foo()", [3003]),
    (f"{IN}:385", "class bar { [int]foo() {return 1001} }; class baz : bar { [int] $n; [int]fOo() { if ($this.n++ -gt 0) { throw 'Recursion happens' }; return ([bAr]$this).fOo() + ([bAr]$this).FOO() } }; [baz]::new().foo()", [2002]),
    (f"{IN}:407", "class A { [string]GetName() {return 'A'} }; class B : A { [string]GetName() {return 'B'} }; class C : B { [string]GetName() {return 'C'} }; class D : C { [string]GetName() {return 'D'} }; $d = [D]::new(); ([A]$d).GetName(); ([B]$d).GetName(); ([C]$d).GetName(); ([D]$d).GetName(); $d.GetName()", ["A", "B", "C", "D", "D"]),
    (f"{IN}:424", "class A { [string]ToStr([int]$a) {return 'A' + $a} }; class B : A { [string]ToStr([int]$a) {return 'B' + $a} }; $b = [B]::new(); ([A]$b).ToStr(101); $b.ToStr(100)", ["A101", "B100"]),
    (f"{IN}:478", "$script:v = $null; class A { [void]SetStr([int]$a) {$script:v = 'A' + $a}\n [void]SetStr() {$script:v = 'A'} }; class B : A { [void]SetStr([int]$a) {$script:v = 'B' + $a}\n [void]SetStr() {$script:v = 'B'} }; $b = [B]::new(); ([A]$b).SetStr(101); $script:v; $b.SetStr(100); $script:v; ([A]$b).SetStr(); $script:v; $b.SetStr(); $script:v", ["A101", "B100", "A", "B"]),
    (f"{IN}:523", "class A { static [string]ToStr([int]$a) {return 'A' + $a} }; class B : A { static [string]ToStr([int]$a) {return 'B' + $a} }; $b = [B]::new(); $b::ToStr(100)", ["B100"]),
    (f"{IN}:560", "class A { [int]$a; A([int]$a) { $this.a = $a } }; class B : A { B([int]$a) : base($a * 2) {} }; [B]::new(101).a", [202]),
    (f"{IN}:578", "class A { [int]$a; A([int]$a) { $this.a = $a } }; class B : A { B([int]$a) : base($a * 2, 100) {} }; try { [B]::new(101) } catch { $_.FullyQualifiedErrorId }", ["MethodCountCouldNotFindBest"]),
    (f"{IN}:601", "class A { [int]$a; A() { $this.a = 1007 } }; class B : A { B() {} }; class C : A {}; [B]::new().a; [C]::new().a", [1007, 1007]),
    (f"{IN}:626", "class A { [int]$a; A([int]$a) { $this.a = $a } }; class B : A { B() : base('103') {} }; [B]::new().a", [103]),
    (f"{IN}:650", "class A { [int]$i; [string]$s; A([int]$a) { $this.i = $a } A([string]$a) { $this.s = $a } }; class B : A { B($a) : base($a) {} }; [B]::new('foo').s; [B]::new(1001).i", ["foo", 1001]),
    (f"{IN}:670", "$sb = [scriptblock]::Create('class Base { [int] foo() { return 100 } }; class Derived : Base { [int] foo() { return 2 * ([Base]$this).foo() } }; [Derived]::new().foo()'); $sb.Invoke(); $sb.Invoke()", [200, 200]),
]
INHERITANCE_ERRORS = [
    (182, "class A : NonExistingClass {}", "TypeNotFound"),
    (185, "class A{} ; class B : A[] {}", "SubtypeArray"),
    (188, "class A {}; class B : A, NonExistingInterface {}", "TypeNotFound"),
    (189, "class A {} ; class B {}; class C : A, B {}", "InterfaceNameExpected"),
    (203, "class baz : string {}", "SealedBaseClass"),
    (211, "class A : B {}; class B {}", "TypeNotFound"),
    (214, "class A : B {}; class B : A {}", "TypeNotFound"),
    (215, "class A : C {}; class B : A {}; class C : B {}", "TypeNotFound"),
    (540, "class A { A([int]$a) {} }; class B : A {}", "BaseClassNoDefaultCtor"),
]
INHERITANCE_CASES += [(f"{IN}:{line}", f"try {{ {source} }} catch {{ $_.FullyQualifiedErrorId }}", [error_id]) for line, source, error_id in INHERITANCE_ERRORS]

EX = "Classes/Scripting.Classes.Exceptions.Tests.ps1"
MO = "Classes/Scripting.Classes.MiscOps.Tests.ps1"
SM = "Classes/Scripting.Classes.StaticMethod.Tests.ps1"
MISC_CASES: list[Case] = [
    (f"{EX}:45", "$h = @{}; class C { [void] m1() { $script:h['canary'] = 42; $this.ImThrow(); $script:h['canary'] = 100 } [void] ImThrow() { throw 'I told you' } }; try { [C]::new().m1() } catch {}; $h['canary']", [42]),
    (f"{EX}:74", "$h = @{}; class C { static [void] s1() { $script:h['canary'] = 43; [C]::ImThrow(); $script:h['canary'] = 100 } static [void] ImThrow() { 1 / 0 } }; try { [C]::s1() } catch {}; $h['canary']", [43]),
    (f"{EX}:130", "$h = @{}; class C { [void] m1() { $script:h['c'] = 1; $this.m2(); $script:h['c'] = -1 } [void] m2() { $script:h['c'] += 10; $this.m3(); $script:h['c'] = -2 } [void] m3() { $script:h['c'] += 100; $this.T(); $script:h['c'] = -3 } [void] T() { $script:h['c'] += 1000; 1 / 0 } }; try { [C]::new().m1() } catch {}; $h['c']", [1111]),
    (f"{EX}:238", "class M { static f1() { [M]::bar = 42 } }; try { [M]::f1() } catch { $_.FullyQualifiedErrorId }", ["PropertyAssignmentException"]),
    (f"{EX}:243", "class M { static f2() { throw 'an error in f2' } }; try { [M]::f2() } catch { $_.FullyQualifiedErrorId }", ["an error in f2"]),
    (f"{EX}:286", "class B { [int]$a = 'zz' }; try { [B]::new() } catch { $_.FullyQualifiedErrorId }", ["InvalidCastFromStringToInteger"]),
    (f"{EX}:281", "class A { [int]$a = 'zz'; A() {} }; try { [A]::new() } catch { $_.FullyQualifiedErrorId }", ["InvalidCastFromStringToInteger"]),
    (f"{EX}:298", "class D { static [int]$a = 'zz' }; try { $null = [D]::a } catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId }", ["TypeInitializationException", "InvalidCastFromStringToInteger"]),
    (f"{MO}:18", "class C1 { [int[]] $Wheels = @(1,2,3); [string] Foo() { return (1..10).Where({ $PSItem -in $this.Wheels; }) -join ';' } [string] Bar() { return (1..10 | Where-Object { $PSItem -in $this.Wheels; }) -join ';' } }; [C1]::new().Foo(); [C1]::new().Bar()", ["1;2;3", "1;2;3"]),
    (f"{MO}:42", "class C1 { [int[]] $Wheels = @(1,2,3); [string] Foo() { $ret = ''; Foreach($PSItem in $this.Wheels) { $ret += \"$PSItem;\" }; return $ret } [string] Bar() { $ret = ''; $this.Wheels | ForEach-Object { $ret += \"$_;\" }; return $ret } }; [C1]::new().Foo(); [C1]::new().Bar()", ["1;2;3;", "1;2;3;"]),
    (f"{SM}:16", "function Get-Name { 'YES' }; class Foo { static [string] $Name; static Foo() { [Foo]::Name = Get-Name } }; [Foo]::Name", ["YES"]),
    (f"{SM}:24", "function Get-Name { 'YES' }; class Foo { static [string] GetName() { return (Get-Name) } }; [Foo]::GetName()", ["YES"]),
]


@pytest.mark.parametrize(("source", "script", "expected"), ENUM_CASES, ids=case_ids(ENUM_CASES))
def test_pester_enum_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), PARSING_CASES, ids=case_ids(PARSING_CASES))
def test_pester_class_parsing_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), INHERITANCE_CASES, ids=case_ids(INHERITANCE_CASES))
def test_pester_class_inheritance_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), MISC_CASES, ids=case_ids(MISC_CASES))
def test_pester_class_misc_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source
