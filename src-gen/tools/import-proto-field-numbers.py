#!/usr/bin/env python3
"""Add each field's protobuf field number (`proto: N`) to Skiff's API schema, and `pointer: true`
to the scalar fields Go keeps as pointers.

Reads Kubernetes' `generated.proto` files (k8s.io/api core/v1, apps/v1, coordination/v1,
autoscaling/v1 and k8s.io/apimachinery pkg/apis/meta/v1) from a directory laid out by import path,
e.g. DIR/k8s.io/api/core/v1/generated.proto, and writes the facts into the schema files in place.
Every `generated*.proto` of a package directory is read, so a later release's additions can sit
beside an older file; a message found twice has its fields merged. Only numbers and the pointer
fact are taken; nothing else of the .proto files reaches the repository.

Usage: python3 src-gen/tools/import-proto-field-numbers.py /tmp/protos src-gen/src/main/resources/dev/skiff/schema

A field the JSON inlines from an embedded Go struct (Volume's volume sources, Probe's handler,
the `name` of ConfigMapKeySelector) is one level down in protobuf, inside a message field that has
no JSON name of its own; such a field gets the path of numbers, outer first: `proto: [2, 1]`.

The `apiVersion` and `kind` fields of API objects get no number: protobuf bodies carry them once,
in the runtime.Unknown envelope's TypeMeta, not inside the object (references such as
OwnerReference do have them as fields, and get their numbers). Every other field must be found,
or the tool stops without writing, naming what is missing. A re-run replaces the facts already
there.

`pointer: true` needs the gogoproto options that go-to-protobuf compiles into the Go code
(`[(gogoproto.nullable) = false]` marks a field Go holds by value); the published generated.proto
files have them stripped. For a file that does not import gogo.proto no pointer facts are written
for its fields. Why it matters: Go's protobuf code writes a by-value scalar even when it is zero,
so a zero on the wire means "unset" for it, while a pointer is written only when set.

The build never runs this.
"""
import os
import re
import sys

# Schema file group -> the proto package that holds its messages.
PROTO_DIRS = {
    '': 'k8s.io/api/core/v1',
    'apps': 'k8s.io/api/apps/v1',
    'autoscaling': 'k8s.io/api/autoscaling/v1',
    'coordination.k8s.io': 'k8s.io/api/coordination/v1',
    'meta.k8s.io': 'k8s.io/apimachinery/pkg/apis/meta/v1',
}
TYPE_META = {'apiVersion', 'kind'}


SCALARS = {'string', 'bool', 'int32', 'int64', 'double', 'float', 'bytes', 'uint32', 'uint64'}


def messages(paths):
    """{message name: {field name: (number, type, pointer or None)}} of the top-level messages of
    some .proto files; pointer is None where the file does not say."""
    out = {}
    for path in paths:
        read_messages(path, out)
    return out


def read_messages(path, out):
    text = open(path, encoding='utf-8').read()
    says_pointers = 'gogoproto/gogo.proto' in text
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    depth, current = 0, None
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r'^message\s+(\w+)\s*\{', line)
        if m and depth == 0:
            current = m.group(1)
            out.setdefault(current, {})
        m = re.match(r'^(?:optional|required|repeated)?\s*(map\s*<[^>]*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)', line)
        if m and depth == 1 and current:
            by_value = 'nullable) = false' in line
            pointer = (not by_value) if says_pointers else None
            out[current][m.group(2)] = (int(m.group(3)), m.group(1).split('.')[-1], pointer)
        depth += line.count('{') - line.count('}')


def number_path(known, message, field, json_fields):
    """The field's number, or its path through embedded messages, or None when it is not there."""
    """The field's number (or path of numbers through embedded messages) and its facts, or None."""
    fields = known.get(message, {})
    if field in fields:
        return [fields[field][0]], fields[field]
    for name, (number, type_name, _) in fields.items():
        # An embedded struct: a message-typed proto field whose name the JSON does not have.
        if name not in json_fields and type_name in known:
            inner = number_path(known, type_name, field, set())
            if inner:
                return [number] + inner[0], inner[1]
    return None


def schema_fields(lines):
    """{type name: set of JSON field names} of one schema file."""
    out, current = {}, None
    for line in lines:
        m = re.match(r'^  (\w+):$', line)
        if m:
            current = out.setdefault(m.group(1), set())
        m = re.match(r'^      (\S+): \{', line)
        if m and current is not None:
            current.add(m.group(1))
    return out


def main(proto_dir, schema_dir):
    protos = {}
    for g, d in PROTO_DIRS.items():
        directory = os.path.join(proto_dir, d)
        protos[g] = messages(sorted(os.path.join(directory, f) for f in os.listdir(directory)
                                    if f.startswith('generated') and f.endswith('.proto')))
    missing, updated = [], {}
    for fname in sorted(os.listdir(schema_dir)):
        if not fname.endswith('.yaml'):
            continue
        path = os.path.join(schema_dir, fname)
        lines = open(path, encoding='utf-8').read().split('\n')
        group = next(json_string(l[len('group: '):]) for l in lines if l.startswith('group: '))
        known, type_name, out = protos[group], None, []
        json_fields = schema_fields(lines)
        for line in lines:
            m = re.match(r'^  (\w+):$', line)
            if m:
                type_name = m.group(1)
            m = re.match(r'^(      (\S+): \{type: "([^"]*)")(?:, proto: (?:\d+|\[[\d, ]*\]))?(?:, pointer: true)?(.*)$',
                         line)
            if m and type_name:
                head, field, schema_type, rest = m.group(1), m.group(2), m.group(3), m.group(4)
                found = number_path(known, type_name, field, json_fields[type_name])
                if found:
                    numbers, (_, proto_type, pointer) = found
                    number = str(numbers[0]) if len(numbers) == 1 else "[%s]" % ", ".join(map(str, numbers))
                    scalar = proto_type in SCALARS and not schema_type.startswith(('[', '{'))
                    line = '%s, proto: %s%s%s' % (head, number, ', pointer: true' if scalar and pointer else '', rest)
                else:
                    line = head + rest
                    if field not in TYPE_META:
                        missing.append('%s: %s.%s' % (fname, type_name, field))
            out.append(line)
        updated[path] = '\n'.join(out)
    if missing:
        sys.exit('no protobuf field number for:\n  ' + '\n  '.join(missing))
    for path, text in updated.items():
        open(path, 'w', encoding='utf-8').write(text)
    print('%d schema files updated' % len(updated))


def json_string(s):
    return s.strip().strip('"')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
