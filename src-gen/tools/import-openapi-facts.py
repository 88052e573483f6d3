#!/usr/bin/env python3
"""Refresh the facts in Skiff's API schema from a kube-apiserver's OpenAPI and discovery documents.

Facts only: type and field names, JSON types, required-ness, enums, non-trivial defaults, patch
strategies and list-map keys, and per-kind discovery facts. Descriptions are never copied: the
`doc` texts in the schema are Skiff's own, and a re-run keeps every doc already written.

Usage: python3 src-gen/tools/import-openapi-facts.py ../shared/reference/openapi src-gen/src/main/resources/dev/skiff/schema

The build never runs this; the schema files it writes are committed and reviewed like code.
"""
import json, os, re, sys

src, out = sys.argv[1], sys.argv[2]
schemas = {}
for f in ['openapi-v3-api-v1.json', 'openapi-v3-apis-apps-v1.json',
          'openapi-v3-apis-autoscaling-v1.json', 'openapi-v3-apis-coordination.k8s.io-v1.json']:
    schemas.update(json.load(open(os.path.join(src, f)))['components']['schemas'])
v2 = json.load(open(os.path.join(src, 'openapi-v2.json')))['definitions']
META = 'io.k8s.apimachinery.pkg.apis.meta.v1.'
for n in ['APIVersions', 'APIGroupList', 'APIGroup', 'GroupVersionForDiscovery', 'ServerAddressByClientCIDR']:
    schemas.setdefault(META + n, v2[META + n])

# Types the model maps to hand-written Java types instead of generating them.
SCALARS = {
    'io.k8s.apimachinery.pkg.api.resource.Quantity': 'Quantity',
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'IntOrString',
    META + 'Time': 'Time',
    META + 'MicroTime': 'MicroTime',
    META + 'FieldsV1': 'FieldsV1',
    'io.k8s.apimachinery.pkg.runtime.RawExtension': 'Object',
}
KINDS = {
    ('', 'v1'): 'Pod ReplicationController Service Endpoints Namespace Node Event ConfigMap Secret ServiceAccount',
    ('apps', 'v1'): 'Deployment ReplicaSet',
    ('coordination.k8s.io', 'v1'): 'Lease',
    ('autoscaling', 'v1'): 'Scale',
}
PKG = {'io.k8s.api.core.v1.': ('', 'v1', 'core'), 'io.k8s.api.apps.v1.': ('apps', 'v1', 'apps'),
       'io.k8s.api.coordination.v1.': ('coordination.k8s.io', 'v1', 'coordination'),
       'io.k8s.api.autoscaling.v1.': ('autoscaling', 'v1', 'autoscaling'), META: ('meta.k8s.io', 'v1', 'meta')}
DISCOVERY = {('', 'v1'): 'api-v1.json', ('apps', 'v1'): 'apis-apps-v1.json',
             ('coordination.k8s.io', 'v1'): 'apis-coordination.k8s.io-v1.json',
             ('autoscaling', 'v1'): 'apis-autoscaling-v1.json'}

roots = []
for (g, v), ks in KINDS.items():
    prefix = [p for p, t in PKG.items() if t[:2] == (g, v)][0]
    for k in ks.split():
        roots.append(prefix + k)
        if k != 'Scale':
            roots.append(prefix + k + 'List')
roots += [META + x for x in ('ObjectMeta ListMeta OwnerReference ManagedFieldsEntry Status StatusDetails StatusCause '
                             'LabelSelector LabelSelectorRequirement WatchEvent DeleteOptions Preconditions '
                             'APIResourceList APIVersions APIGroupList').split()]


def refs(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == '$ref':
                yield v.split('/')[-1]
            else:
                yield from refs(v)
    elif isinstance(o, list):
        for x in o:
            yield from refs(x)


seen, stack = set(), list(roots)
while stack:
    n = stack.pop()
    if n in seen or n in SCALARS:
        continue
    seen.add(n)
    stack.extend(refs(schemas[n]))


def short(n):
    return SCALARS.get(n, n.split('.')[-1])


names = [short(n) for n in seen]
dupes = {x for x in names if names.count(x) > 1}
assert not dupes, dupes


def type_of(p):
    if '$ref' in p:
        return short(p['$ref'].split('/')[-1])
    if 'allOf' in p:
        return type_of(p['allOf'][0])
    t = p.get('type')
    if t == 'array':
        return '[' + type_of(p['items']) + ']'
    if t == 'object':
        if 'additionalProperties' in p:
            return '{' + type_of(p['additionalProperties']) + '}'
        return 'json'
    if t == 'string':
        return 'bytes' if p.get('format') == 'byte' else 'string'
    if t == 'integer':
        return p.get('format', 'int64')
    if t == 'number':
        return 'double'
    if t == 'boolean':
        return 'bool'
    raise ValueError(p)


def discovery(g, v):
    d = json.load(open(os.path.join(src, 'discovery', DISCOVERY[(g, v)])))
    res = {r['name']: r for r in d['resources']}
    return res


def file_of(pkg, name):
    if pkg != 'core':
        return pkg + '-v1'
    if re.search(r'VolumeSource$|Projection$|^Volume$|^KeyToPath$|DownwardAPIVolumeFile|PersistentVolumeClaim|'
                 r'^VolumeResourceRequirements$|^Typed(Local)?ObjectReference$|^VolumeProjection$', name):
        return 'core-v1-volumes'
    if re.search(r'^Node|^AttachedVolume$|^ContainerImage$|^DaemonEndpoint$|^Taint$|^ConfigMapNodeConfigSource$', name):
        return 'core-v1-nodes'
    if re.search(r'^Service|^Endpoint|^LoadBalancer|^PortStatus$|^SessionAffinityConfig$|^ClientIPConfig$', name):
        return 'core-v1-services'
    if re.search(r'^ConfigMap$|^ConfigMapList$|^Secret$|^SecretList$|^ServiceAccount|^Namespace|^Event|'
                 r'^ObjectReference$|^LocalObjectReference$|^ReplicationController', name):
        return 'core-v1-resources'
    return 'core-v1-pods'


def existing_docs(path):
    """Docs already written: {(type, field or None): doc}."""
    docs, cur = {}, None
    if not os.path.exists(path):
        return docs
    for line in open(path):
        m = re.match(r'^  (\w+):$', line)
        if m:
            cur = m.group(1)
        m = re.match(r'^    doc: (".*")$', line)
        if m and cur:
            docs[(cur, None)] = json.loads(m.group(1))
        m = re.match(r'^      (\S+): \{.*doc: (".*")\}$', line)
        if m and cur:
            docs[(cur, m.group(1))] = json.loads(m.group(2))
    return docs


FIRST = ['apiVersion', 'kind', 'metadata']
files = {}
for n in sorted(seen):
    prefix = [p for p in PKG if n.startswith(p)][0]
    g, v, pkg = PKG[prefix]
    files.setdefault(file_of(pkg, short(n)), (g, v, pkg, []))[3].append(n)

os.makedirs(out, exist_ok=True)
index = []
for fname, (g, v, pkg, types) in sorted(files.items()):
    path = os.path.join(out, fname + '.yaml')
    old = existing_docs(path)
    disc = discovery(g, v) if (g, v) in DISCOVERY else {}
    lines = ['# Skiff API schema: %s/%s (%s). Facts from the Kubernetes API; docs are Skiff\'s own.'
             % (g or 'core', v, fname),
             '# Grammar: src-gen/README.md.',
             'group: %s' % json.dumps(g), 'version: %s' % v, 'package: %s.%s' % (pkg, v), 'types:']
    for n in sorted(types, key=short):
        s, name = schemas[n], short(n)
        lines.append('  %s:' % name)
        lines.append('    doc: %s' % json.dumps(old.get((name, None), '')))
        top = [x for x in disc.values() if x['kind'] == name and '/' not in x['name']]
        if name in KINDS.get((g, v), '').split() and top:
            r = top[0]
            kind = {'plural': r['name'], 'singular': r['singularName'], 'namespaced': r['namespaced'],
                    'verbs': r['verbs']}
            if r.get('shortNames'):
                kind['shortNames'] = r['shortNames']
            if r.get('categories'):
                kind['categories'] = r['categories']
            if r.get('storageVersionHash'):
                kind['storageVersionHash'] = r['storageVersionHash']
            subs = []
            for sn, sr in sorted(disc.items()):
                if sn.startswith(r['name'] + '/'):
                    sub = {'name': sn.split('/', 1)[1], 'kind': sr['kind'], 'verbs': sr['verbs']}
                    if sr.get('group') is not None:
                        sub['group'] = sr['group']
                        sub['version'] = sr['version']
                    subs.append(sub)
            kind['subresources'] = subs
            lines.append('    resource: %s' % json.dumps(kind))
        if 'x-kubernetes-group-version-kind' in s and not (name in KINDS.get((g, v), '').split() and top):
            gvks = [x for x in s['x-kubernetes-group-version-kind'] if x['group'] == (g if g != 'meta.k8s.io' else '')]
            if gvks and gvks[0]['version'] == v:
                lines.append('    apiKind: true')
        req = set(s.get('required', []))
        props = s.get('properties', {})
        order = [f for f in FIRST if f in props] + [f for f in props if f not in FIRST]
        if name.endswith('List') and 'items' in props:
            order = [f for f in order if f != 'items'] + ['items']
        lines.append('    fields:')
        for f in order:
            p = props[f]
            facts = {'type': type_of(p)}
            if f in req:
                facts['required'] = True
            if 'enum' in p:
                facts['enum'] = p['enum']
            d = p.get('default')
            if d not in (None, '', {}, [], 0, False):
                facts['default'] = d
            if 'x-kubernetes-patch-strategy' in p:
                facts['patchStrategy'] = p['x-kubernetes-patch-strategy']
            if 'x-kubernetes-patch-merge-key' in p:
                facts['mergeKey'] = p['x-kubernetes-patch-merge-key']
            if 'x-kubernetes-list-type' in p:
                facts['listType'] = p['x-kubernetes-list-type']
            if 'x-kubernetes-list-map-keys' in p:
                facts['listMapKeys'] = p['x-kubernetes-list-map-keys']
            if 'x-kubernetes-map-type' in p:
                facts['mapType'] = p['x-kubernetes-map-type']
            facts['doc'] = old.get((name, f), '')
            body = ', '.join('%s: %s' % (k, json.dumps(val)) for k, val in facts.items())
            lines.append('      %s: {%s}' % (f, body))
    open(path, 'w').write('\n'.join(lines) + '\n')
    index.append(fname + '.yaml')
open(os.path.join(out, 'index.txt'), 'w').write('\n'.join(index) + '\n')
print('%d types, %d files' % (len(seen), len(index)))
