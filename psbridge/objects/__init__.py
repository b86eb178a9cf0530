"""The object model: what flows through pipelines and into the binder.

Below binding in the dependency order; knows nothing of cmdlets or HTTP.
"""

from .adapters import ObjectAdapter, find_adapter, register_adapter
from .hashtable import Hashtable, OrderedDictionary
from .properties import PropertyLookup, property_lookup
from .psobject import PSCUSTOMOBJECT_TYPE_NAMES, PSObject, dotnet_object, to_jsonable
from .text import dotnet_type_name, format_double, is_ps_collection, to_ps_string, type_names_of
from .typedata import register_to_string_property
from .values import SecureString, SwitchParameter, Uri, UriFormatError, number_literal

__all__ = [
    "PSCUSTOMOBJECT_TYPE_NAMES",
    "Hashtable",
    "ObjectAdapter",
    "OrderedDictionary",
    "PSObject",
    "PropertyLookup",
    "SecureString",
    "SwitchParameter",
    "Uri",
    "UriFormatError",
    "dotnet_object",
    "dotnet_type_name",
    "find_adapter",
    "format_double",
    "is_ps_collection",
    "number_literal",
    "property_lookup",
    "register_adapter",
    "register_to_string_property",
    "to_jsonable",
    "to_ps_string",
    "type_names_of",
]
