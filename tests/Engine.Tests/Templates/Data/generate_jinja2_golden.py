#!/usr/bin/env python3
"""Regenerates jinja2-golden.json: the shared chat templates rendered by Python's Jinja2 configured as
transformers' apply_chat_template configures it (ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks,
loopcontrols, tojson = json.dumps(ensure_ascii=False), raise_exception, strftime_now), over conversations
with tools, tool calls, tool results and template-specific variables that ../shared's conversations lack.

Usage: python3 generate_jinja2_golden.py ../../../../../shared/chat-templates > jinja2-golden.json
"""
import datetime, glob, json, os, sys

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

RENDERED_ON = datetime.datetime(2026, 11, 21, 12, 0, 0)


class Raised(Exception):
    pass


def raise_exception(message):
    raise Raised(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
env.globals["strftime_now"] = lambda fmt: RENDERED_ON.strftime(fmt)

tools = [{"type": "function", "function": {"name": "get_weather", "description": "Get the weather \"now\" in ünï",
          "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City"},
                                                          "days": {"type": "integer", "enum": [1, 2, 3]}}, "required": ["city"]}}}]
calls = [{"id": "abc123def", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]
string_calls = [{"id": "abc123def", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]
conversations = [
    {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "<think>\nhmm\n</think>\n\nHello!"}, {"role": "user", "content": "Again"}]},
    {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "<think>\nhmm\n</think>\n\nHello!"}], "add_generation_prompt": False},
    {"messages": [{"role": "system", "content": "S /no_think"}, {"role": "user", "content": "Hi"}], "enable_thinking": False},
    {"messages": [{"role": "user", "content": "Weather in Paris?"}], "tools": tools},
    {"messages": [{"role": "system", "content": "Sys"}, {"role": "user", "content": "Weather in Paris?"}], "tools": tools},
    {"messages": [{"role": "user", "content": "Weather?"}, {"role": "assistant", "content": "", "tool_calls": calls},
                  {"role": "tool", "content": "{\"temp\": 20}", "tool_call_id": "abc123def"}, {"role": "user", "content": "Thanks"}], "tools": tools},
    {"messages": [{"role": "user", "content": "Weather?"}, {"role": "assistant", "content": None, "tool_calls": string_calls},
                  {"role": "tool", "content": "20C", "tool_call_id": "abc123def"}, {"role": "tool", "content": "21C", "tool_call_id": "abc123def"}]},
    {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]},
    {"messages": [{"role": "assistant", "content": "first"}]},
    {"messages": [{"role": "user", "content": "  padded  "}], "documents": [{"doc_id": 1, "text": "Doc text"}], "controls": {"citations": True}},
    {"messages": [{"role": "user", "content": "x"}], "builtin_tools": ["code_interpreter", "brave_search"], "tools": tools},
    {"messages": [{"role": "user", "content": "x"}], "tools": tools, "tools_in_user_message": False, "date_string": "01 Jan 2025"},
    {"messages": [{"role": "user", "content": "Weather?"}, {"role": "assistant", "tool_calls": calls}, {"role": "tool", "content": {"temp": 20}}], "tools": tools},
]

cases = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.jinja"))):
    source = open(path, encoding="utf-8").read()
    for index, conversation in enumerate(conversations):
        variables = dict(conversation)
        variables.setdefault("add_generation_prompt", True)
        case = {"template": os.path.basename(path)[:-len(".jinja")], "conversation": conversation}
        try:
            case.update(ok=True, text=env.from_string(source).render(bos_token="<s>", eos_token="</s>", **variables))
        except Raised as e:
            case.update(ok=False, raised=True, error=str(e))
        except Exception as e:
            case.update(ok=False, raised=False, error=f"{type(e).__name__}: {e}")
        cases.append(case)

json.dump({"generator": f"jinja2 {jinja2.__version__}", "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
