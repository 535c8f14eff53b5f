// Command render renders a Helm 3 chart directory the way `helm install` does before it
// sends objects to the API server, for the test suite only (never shipped in lib/).
//
// Written for this project from Helm's documented behaviour; it is not Helm's code. What it
// reproduces, because the charts we deploy depend on it:
//   - text/template with Sprig v3's TxtFuncMap minus env/expandenv, option missingkey=zero,
//     and "<no value>" removed from the output (Helm's engine does both);
//   - Helm's own functions: include, tpl, required, toYaml, fromYaml, fromYamlArray, toJson,
//     fromJson, fromJsonArray, toToml (errors: no TOML library offline), lookup (an empty
//     map, as `helm template` and a first install without the object return);
//   - the built-in objects .Values .Release .Chart .Capabilities .Template .Files;
//   - values: YAML parsed with sigs.k8s.io/yaml (YAML 1.1 scalars: off/on/yes/no are
//     booleans, numbers are float64), documents merged like terraform-provider-helm's
//     mergeMaps, `set` entries applied like strvals for simple dotted paths, then coalesced
//     with the chart's values.yaml like Helm's CoalesceValues (a user null deletes a default);
//   - an optional parent chart whose values nest the rendered chart's under one key (Kong
//     Mesh nests Kuma under `kuma:`), with the parent's `global:` copied into the subchart;
//   - genCA, genSelfSignedCert and genSignedCert make ECDSA P-256 certificates instead of
//     Sprig's RSA 2048 ones (RSA key generation cost ~0.2 s a call; nothing the tests read
//     depends on the key type): same .Cert/.Key PEM fields, same names, SANs and validity;
//   - the chart's kubeVersion constraint, and dependencies whose condition is true but whose
//     chart is not available are errors.
//
// Input (stdin, JSON): see the request type. Output (stdout, JSON): {"objects": [...],
// "values": {...}} or {"error": "..."}; exit status 0 in both cases (1 on bad input).
package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"time"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/semver/v3"
	"github.com/Masterminds/sprig/v3"
	"sigs.k8s.io/yaml"
)

type setEntry struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Type is "auto" (or empty), "string" or "literal", as in helm_release `set`.
	Type string `json:"type"`
}

type setListEntry struct {
	Name  string   `json:"name"`
	Value []string `json:"value"`
}

type parentChart struct {
	// ValuesFile is the parent chart's values.yaml (its defaults, coalesced first).
	ValuesFile string `json:"valuesFile"`
	// Key is the key under which the parent nests this chart's values ("kuma").
	Key string `json:"key"`
	// Name is the parent chart's name, which prefixes template names.
	Name string `json:"name"`
}

type request struct {
	ChartDir     string         `json:"chartDir"`
	ChartVersion string         `json:"chartVersion"`
	AppVersion   string         `json:"appVersion"`
	ReleaseName  string         `json:"releaseName"`
	Namespace    string         `json:"namespace"`
	Values       []string       `json:"values"`
	Set          []setEntry     `json:"set"`
	SetList      []setListEntry `json:"setList"`
	SetSensitive []setEntry     `json:"setSensitive"`
	Parent       *parentChart   `json:"parent"`
	KubeVersion  string         `json:"kubeVersion"`
	APIVersions  []string       `json:"apiVersions"`
	CRDDirs      []string       `json:"crdDirs"`
}

type renderedObject struct {
	Template string                 `json:"template"`
	CRD      bool                   `json:"crd,omitempty"`
	Object   map[string]interface{} `json:"object"`
}

type response struct {
	Objects []renderedObject       `json:"objects,omitempty"`
	Values   map[string]interface{} `json:"values,omitempty"`
	Warnings []string               `json:"warnings,omitempty"`
	Error    string                 `json:"error,omitempty"`
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var req request
	if err := json.Unmarshal(input, &req); err != nil {
		fmt.Fprintln(os.Stderr, "bad request:", err)
		os.Exit(1)
	}
	objects, values, err := render(req)
	out := response{Objects: objects, Values: values, Warnings: warnings}
	if err != nil {
		out = response{Error: err.Error()}
	}
	encoded, err := json.Marshal(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot encode output:", err)
		os.Exit(1)
	}
	os.Stdout.Write(encoded)
}

// ---- values ----

func readYAMLMap(data []byte, what string) (map[string]interface{}, error) {
	out := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	if out == nil {
		out = map[string]interface{}{}
	}
	return out, nil
}

// mergeMaps merges b into a, maps recursively, anything else replaced (later documents win).
func mergeMaps(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if vMap, ok := v.(map[string]interface{}); ok {
			if existing, ok := out[k].(map[string]interface{}); ok {
				out[k] = mergeMaps(existing, vMap)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// splitKey splits a --set key on unescaped dots; `\.` keeps a dot inside a key.
func splitKey(name string) ([]string, error) {
	var parts []string
	var current strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '\\' && i+1 < len(name):
			current.WriteByte(name[i+1])
			i++
		case c == '.':
			parts = append(parts, current.String())
			current.Reset()
		case c == '[' || c == ']' || c == ',' || c == '=':
			return nil, fmt.Errorf("set key %q uses %q: only simple dotted paths are supported by this renderer", name, string(c))
		default:
			current.WriteByte(c)
		}
	}
	parts = append(parts, current.String())
	for _, part := range parts {
		if part == "" {
			return nil, fmt.Errorf("set key %q has an empty segment", name)
		}
	}
	return parts, nil
}

var integer = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)$`)

// typedValue reads a --set value as strvals does: true/false, null, integers (int64), else a string.
func typedValue(value string) interface{} {
	switch value {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if integer.MatchString(value) {
		if n, err := strconv.ParseInt(value, 10, 64); err == nil {
			return n
		}
	}
	return value
}

func setPath(base map[string]interface{}, parts []string, value interface{}) {
	current := base
	for _, part := range parts[:len(parts)-1] {
		next, ok := current[part].(map[string]interface{})
		if !ok {
			next = map[string]interface{}{}
			current[part] = next
		}
		current = next
	}
	current[parts[len(parts)-1]] = value
}

func applySet(base map[string]interface{}, entry setEntry) error {
	switch entry.Type {
	case "", "auto", "string":
		if strings.Contains(entry.Value, ",") {
			return fmt.Errorf("set %q: a value with a comma is split by Helm's --set parser; this renderer does not reproduce that, escape it or use values", entry.Name)
		}
		parts, err := splitKey(entry.Name)
		if err != nil {
			return err
		}
		var value interface{} = entry.Value
		if entry.Type != "string" {
			value = typedValue(entry.Value)
		}
		setPath(base, parts, value)
	case "literal":
		var literal interface{}
		if err := yaml.Unmarshal([]byte(entry.Value), &literal); err != nil {
			return fmt.Errorf("set %q literal: %v", entry.Name, err)
		}
		base[entry.Name] = literal
	default:
		return fmt.Errorf("set %q: unexpected type %q", entry.Name, entry.Type)
	}
	return nil
}

// warnings collects what Helm prints while coalescing (a table replaced by a scalar or the reverse).
var warnings []string

// coalesce fills user values with chart defaults: user values win; a user null removes the default.
func coalesce(user, defaults map[string]interface{}) map[string]interface{} {
	return coalesceAt(user, defaults, "")
}

func coalesceAt(user, defaults map[string]interface{}, prefix string) map[string]interface{} {
	for key, def := range defaults {
		value, present := user[key]
		switch {
		case present && value == nil:
			delete(user, key)
		case !present:
			user[key] = deepCopy(def)
		default:
			defMap, defIsMap := def.(map[string]interface{})
			valueMap, valueIsMap := value.(map[string]interface{})
			switch {
			case defIsMap && valueIsMap:
				coalesceAt(valueMap, defMap, prefix+key+".")
			case defIsMap && !valueIsMap:
				warnings = append(warnings, fmt.Sprintf("cannot overwrite table with non table for %s%s (%v)", prefix, key, def))
			case !defIsMap && valueIsMap && def != nil:
				warnings = append(warnings, fmt.Sprintf("destination for %s%s is a table. Ignoring non-table value (%v)", prefix, key, def))
			}
		}
	}
	return user
}

func deepCopy(value interface{}) interface{} {
	switch v := value.(type) {
	case map[string]interface{}:
		out := make(map[string]interface{}, len(v))
		for k, item := range v {
			out[k] = deepCopy(item)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(v))
		for i, item := range v {
			out[i] = deepCopy(item)
		}
		return out
	default:
		return v
	}
}

func userValues(req request) (map[string]interface{}, error) {
	base := map[string]interface{}{}
	for i, doc := range req.Values {
		if doc == "" {
			continue
		}
		current, err := readYAMLMap([]byte(doc), fmt.Sprintf("values document %d", i))
		if err != nil {
			return nil, err
		}
		base = mergeMaps(base, current)
	}
	for _, entry := range req.Set {
		if err := applySet(base, entry); err != nil {
			return nil, err
		}
	}
	for _, entry := range req.SetList {
		parts, err := splitKey(entry.Name)
		if err != nil {
			return nil, err
		}
		list := make([]interface{}, len(entry.Value))
		for i, item := range entry.Value {
			list[i] = typedValue(item)
		}
		setPath(base, parts, list)
	}
	for _, entry := range req.SetSensitive {
		if err := applySet(base, entry); err != nil {
			return nil, err
		}
	}
	return base, nil
}

// ---- built-in objects ----

type versionSet []string

// Has reports whether an API version ("group/version") or resource ("group/version/Kind") exists.
func (set versionSet) Has(apiVersion string) bool {
	for _, item := range set {
		if item == apiVersion {
			return true
		}
	}
	return false
}

type kubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

func (v kubeVersion) String() string { return v.Version }

type capabilities struct {
	KubeVersion kubeVersion
	APIVersions versionSet
	HelmVersion map[string]string
}

type files map[string][]byte

func (f files) Get(name string) string { return string(f[name]) }

func (f files) GetBytes(name string) []byte { return f[name] }

func (f files) Glob(pattern string) files {
	out := files{}
	for name, data := range f {
		if ok, _ := path.Match(pattern, name); ok {
			out[name] = data
		}
	}
	return out
}

func (f files) Lines(name string) []string {
	return strings.Split(strings.TrimSuffix(string(f[name]), "\n"), "\n")
}

func (f files) sortedNames() []string {
	names := make([]string, 0, len(f))
	for name := range f {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func (f files) AsConfig() string {
	data := map[string]string{}
	for _, name := range f.sortedNames() {
		data[path.Base(name)] = string(f[name])
	}
	out, _ := yaml.Marshal(data)
	return strings.TrimSuffix(string(out), "\n")
}

func (f files) AsSecrets() string {
	data := map[string]string{}
	for _, name := range f.sortedNames() {
		data[path.Base(name)] = b64(f[name])
	}
	out, _ := yaml.Marshal(data)
	return strings.TrimSuffix(string(out), "\n")
}

func b64(data []byte) string {
	encoded, _ := json.Marshal(data) // []byte marshals as base64
	return strings.Trim(string(encoded), `"`)
}

func loadFiles(chartDir string) (files, error) {
	out := files{}
	err := filepath.Walk(chartDir, func(file string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(chartDir, file)
		rel = filepath.ToSlash(rel)
		if info.IsDir() {
			if rel == "templates" || rel == "charts" {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == "Chart.yaml" || rel == "values.yaml" || rel == "values.schema.json" {
			return nil
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		out[rel] = data
		return nil
	})
	return out, err
}

// chartObject turns Chart.yaml into the .Chart object (Helm exposes its metadata with
// capitalised field names).
func chartObject(meta map[string]interface{}, version, appVersion string) map[string]interface{} {
	names := map[string]string{
		"apiVersion": "APIVersion", "name": "Name", "version": "Version", "appVersion": "AppVersion",
		"description": "Description", "home": "Home", "icon": "Icon", "keywords": "Keywords",
		"sources": "Sources", "maintainers": "Maintainers", "annotations": "Annotations",
		"kubeVersion": "KubeVersion", "type": "Type", "dependencies": "Dependencies",
		"deprecated": "Deprecated", "condition": "Condition", "tags": "Tags",
	}
	out := map[string]interface{}{}
	for key, value := range meta {
		if name, ok := names[key]; ok {
			out[name] = value
		}
	}
	if version != "" {
		out["Version"] = version
	}
	if appVersion != "" {
		out["AppVersion"] = appVersion
	}
	if _, ok := out["Type"]; !ok {
		out["Type"] = "application"
	}
	return out
}

// ---- template engine ----

func toYAML(value interface{}) string {
	data, err := yaml.Marshal(value)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func fromYAML(text string) map[string]interface{} {
	out := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(text), &out); err != nil {
		out["Error"] = err.Error()
	}
	return out
}

func fromYAMLArray(text string) []interface{} {
	out := []interface{}{}
	if err := yaml.Unmarshal([]byte(text), &out); err != nil {
		out = []interface{}{err.Error()}
	}
	return out
}

func toJSON(value interface{}) string {
	data, err := json.Marshal(value)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(text string) map[string]interface{} {
	out := map[string]interface{}{}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		out["Error"] = err.Error()
	}
	return out
}

func fromJSONArray(text string) []interface{} {
	out := []interface{}{}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		out = []interface{}{err.Error()}
	}
	return out
}

type engine struct {
	root         *template.Template
	includeDepth map[string]int
}

const maxIncludeDepth = 1000

func (e *engine) funcs() template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	extra := template.FuncMap{
		"toYaml":        toYAML,
		"fromYaml":      fromYAML,
		"fromYamlArray": fromYAMLArray,
		"toJson":        toJSON,
		"fromJson":      fromJSON,
		"fromJsonArray": fromJSONArray,
		"toToml": func(interface{}) (string, error) {
			return "", errors.New("toToml is not supported by this test renderer (no TOML library offline)")
		},
		"required": func(message string, value interface{}) (interface{}, error) {
			if value == nil {
				return nil, errors.New(message)
			}
			if text, ok := value.(string); ok && text == "" {
				return nil, errors.New(message)
			}
			return value, nil
		},
		"lookup": func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
			return map[string]interface{}{}, nil
		},
		"include": func(name string, data interface{}) (string, error) {
			e.includeDepth[name]++
			defer func() { e.includeDepth[name]-- }()
			if e.includeDepth[name] > maxIncludeDepth {
				return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
			}
			var buf bytes.Buffer
			if err := e.root.ExecuteTemplate(&buf, name, data); err != nil {
				return "", err
			}
			return buf.String(), nil
		},
		"tpl": func(text string, data interface{}) (string, error) {
			clone, err := e.root.Clone()
			if err != nil {
				return "", err
			}
			inline, err := clone.New("tpl").Option("missingkey=zero").Parse(text)
			if err != nil {
				return "", fmt.Errorf("cannot parse tpl text: %v", err)
			}
			var buf bytes.Buffer
			if err := inline.Execute(&buf, data); err != nil {
				return "", fmt.Errorf("error during tpl function execution for %q: %v", text, err)
			}
			return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
		},
	}
	extra["genCA"] = func(cn string, days int) (certificate, error) { return makeCertificate(cn, nil, nil, days, nil, true) }
	extra["genSelfSignedCert"] = func(cn string, ips, dns []interface{}, days int) (certificate, error) {
		return makeCertificate(cn, ips, dns, days, nil, false)
	}
	extra["genSignedCert"] = func(cn string, ips, dns []interface{}, days int, ca certificate) (certificate, error) {
		return makeCertificate(cn, ips, dns, days, &ca, false)
	}
	for name, fn := range extra {
		funcs[name] = fn
	}
	return funcs
}

var documentSeparator = regexp.MustCompile(`(?m)(?:^|\s*\n)---\s*`)

func render(req request) ([]renderedObject, map[string]interface{}, error) {
	chartYAML, err := os.ReadFile(filepath.Join(req.ChartDir, "Chart.yaml"))
	if err != nil {
		return nil, nil, err
	}
	meta, err := readYAMLMap(chartYAML, "Chart.yaml")
	if err != nil {
		return nil, nil, err
	}
	chartName, _ := meta["name"].(string)
	defaultsYAML, err := os.ReadFile(filepath.Join(req.ChartDir, "values.yaml"))
	if err != nil {
		return nil, nil, err
	}
	defaults, err := readYAMLMap(defaultsYAML, chartName+"/values.yaml")
	if err != nil {
		return nil, nil, err
	}

	values, err := userValues(req)
	if err != nil {
		return nil, nil, err
	}
	templatePrefix := chartName
	if req.Parent != nil {
		parentYAML, err := os.ReadFile(req.Parent.ValuesFile)
		if err != nil {
			return nil, nil, err
		}
		parentDefaults, err := readYAMLMap(parentYAML, req.Parent.Name+"/values.yaml")
		if err != nil {
			return nil, nil, err
		}
		values = coalesce(values, parentDefaults)
		sub, _ := values[req.Parent.Key].(map[string]interface{})
		if sub == nil {
			sub = map[string]interface{}{}
		}
		// A parent's globals are copied into the subchart's, the parent winning.
		if parentGlobal, ok := values["global"].(map[string]interface{}); ok {
			subGlobal, _ := sub["global"].(map[string]interface{})
			if subGlobal == nil {
				subGlobal = map[string]interface{}{}
			}
			sub["global"] = mergeMaps(subGlobal, parentGlobal)
		}
		values = sub
		templatePrefix = req.Parent.Name + "/charts/" + chartName
	}
	values = coalesce(values, defaults)

	// Dependencies: a disabled one renders nothing; an enabled one must be present.
	if deps, ok := meta["dependencies"].([]interface{}); ok {
		for _, raw := range deps {
			dep, _ := raw.(map[string]interface{})
			name, _ := dep["name"].(string)
			condition, _ := dep["condition"].(string)
			enabled := true
			if condition != "" {
				for _, cond := range strings.Split(condition, ",") {
					if value, found := lookupPath(values, strings.TrimSpace(cond)); found {
						if flag, isBool := value.(bool); isBool {
							enabled = flag
							break
						}
					}
				}
			}
			if enabled {
				if _, err := os.Stat(filepath.Join(req.ChartDir, "charts", name)); err != nil {
					return nil, nil, fmt.Errorf("chart %s: dependency %q is enabled (condition %q) but its chart is not available to this renderer", chartName, name, condition)
				}
				return nil, nil, fmt.Errorf("chart %s: enabled dependency %q is not supported by this renderer", chartName, name)
			}
		}
	}

	kube := req.KubeVersion
	if kube == "" {
		kube = "v1.31.0"
	}
	parsedKube, err := semver.NewVersion(kube)
	if err != nil {
		return nil, nil, fmt.Errorf("kubeVersion %q: %v", kube, err)
	}
	if constraint, ok := meta["kubeVersion"].(string); ok && constraint != "" {
		c, err := semver.NewConstraint(constraint)
		if err != nil {
			return nil, nil, fmt.Errorf("chart %s: kubeVersion constraint %q: %v", chartName, constraint, err)
		}
		if !c.Check(parsedKube) {
			return nil, nil, fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", constraint, kube)
		}
	}

	var objects []renderedObject
	for _, dir := range req.CRDDirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, nil, err
		}
		for _, entry := range entries {
			if entry.IsDir() || !(strings.HasSuffix(entry.Name(), ".yaml") || strings.HasSuffix(entry.Name(), ".yml") || strings.HasSuffix(entry.Name(), ".json")) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, entry.Name()))
			if err != nil {
				return nil, nil, err
			}
			docs, err := splitDocuments(string(data), templatePrefix+"/crds/"+entry.Name())
			if err != nil {
				return nil, nil, err
			}
			for _, doc := range docs {
				objects = append(objects, renderedObject{Template: templatePrefix + "/crds/" + entry.Name(), CRD: true, Object: doc})
			}
		}
	}

	// Helm installs crds/ first and refreshes discovery, so the chart's own groups are served.
	apiVersions := append([]string{}, req.APIVersions...)
	for _, item := range objects {
		spec, _ := item.Object["spec"].(map[string]interface{})
		group, _ := spec["group"].(string)
		names, _ := spec["names"].(map[string]interface{})
		kind, _ := names["kind"].(string)
		versions, _ := spec["versions"].([]interface{})
		for _, raw := range versions {
			version, _ := raw.(map[string]interface{})
			if name, ok := version["name"].(string); ok && group != "" {
				apiVersions = append(apiVersions, group+"/"+name, group+"/"+name+"/"+kind)
			}
		}
	}

	chartFiles, err := loadFiles(req.ChartDir)
	if err != nil {
		return nil, nil, err
	}
	top := map[string]interface{}{
		"Values": values,
		"Release": map[string]interface{}{
			"Name": req.ReleaseName, "Namespace": req.Namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Chart": chartObject(meta, req.ChartVersion, req.AppVersion),
		"Capabilities": capabilities{
			KubeVersion: kubeVersion{
				Version: "v" + parsedKube.String(), GitVersion: "v" + parsedKube.String(),
				Major: strconv.FormatUint(parsedKube.Major(), 10), Minor: strconv.FormatUint(parsedKube.Minor(), 10),
			},
			APIVersions: versionSet(apiVersions),
			HelmVersion: map[string]string{"Version": "v3.18.4"},
		},
		"Files": chartFiles,
	}

	e := &engine{includeDepth: map[string]int{}}
	e.root = template.New("gotpl").Option("missingkey=zero").Funcs(e.funcs())
	templatesDir := filepath.Join(req.ChartDir, "templates")
	var names []string
	err = filepath.Walk(templatesDir, func(file string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(templatesDir, file)
		name := templatePrefix + "/templates/" + filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if _, err := e.root.New(name).Parse(string(data)); err != nil {
			return fmt.Errorf("parse error in %s: %v", name, err)
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)

	for _, name := range names {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" {
			continue
		}
		scope := make(map[string]interface{}, len(top)+1)
		for k, v := range top {
			scope[k] = v
		}
		scope["Template"] = map[string]interface{}{"Name": name, "BasePath": templatePrefix + "/templates"}
		var buf bytes.Buffer
		if err := e.root.ExecuteTemplate(&buf, name, scope); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", name, cleanError(err))
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		docs, err := splitDocuments(text, name)
		if err != nil {
			return nil, nil, err
		}
		for _, doc := range docs {
			objects = append(objects, renderedObject{Template: name, Object: doc})
		}
	}
	return objects, values, nil
}

func cleanError(err error) string {
	return strings.TrimPrefix(err.Error(), "template: ")
}

func splitDocuments(text, source string) ([]map[string]interface{}, error) {
	var out []map[string]interface{}
	for i, doc := range documentSeparator.Split(text, -1) {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		var object map[string]interface{}
		if err := yaml.Unmarshal([]byte(doc), &object); err != nil {
			return nil, fmt.Errorf("YAML parse error on %s (document %d): %v", source, i, err)
		}
		if len(object) == 0 {
			continue
		}
		if _, ok := object["kind"].(string); !ok {
			return nil, fmt.Errorf("%s (document %d): object has no kind, the API server would reject it", source, i)
		}
		if _, ok := object["apiVersion"].(string); !ok {
			return nil, fmt.Errorf("%s (document %d): object has no apiVersion, the API server would reject it", source, i)
		}
		out = append(out, object)
	}
	return out, nil
}

func lookupPath(values map[string]interface{}, dotted string) (interface{}, bool) {
	var current interface{} = values
	for _, part := range strings.Split(dotted, ".") {
		m, ok := current.(map[string]interface{})
		if !ok {
			return nil, false
		}
		current, ok = m[part]
		if !ok {
			return nil, false
		}
	}
	return current, true
}

// certificate has the fields Sprig's certificate type exposes to templates.
type certificate struct {
	Cert string
	Key  string
}

func makeCertificate(cn string, ips, dns []interface{}, days int, ca *certificate, isCA bool) (certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return certificate{}, err
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	template := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             time.Now(),
		NotAfter:              time.Now().Add(time.Duration(days) * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  isCA,
	}
	if isCA {
		template.KeyUsage |= x509.KeyUsageCertSign
	}
	for _, raw := range ips {
		text, _ := raw.(string)
		if ip := net.ParseIP(text); ip != nil {
			template.IPAddresses = append(template.IPAddresses, ip)
		} else {
			return certificate{}, fmt.Errorf("genSignedCert: %q is not an IP address", text)
		}
	}
	for _, raw := range dns {
		if text, ok := raw.(string); ok {
			template.DNSNames = append(template.DNSNames, text)
		}
	}
	parent, signer := template, interface{}(key)
	if ca != nil {
		block, _ := pem.Decode([]byte(ca.Cert))
		keyBlock, _ := pem.Decode([]byte(ca.Key))
		if block == nil || keyBlock == nil {
			return certificate{}, errors.New("genSignedCert: the CA has no PEM certificate or key")
		}
		if parent, err = x509.ParseCertificate(block.Bytes); err != nil {
			return certificate{}, err
		}
		if signer, err = x509.ParseECPrivateKey(keyBlock.Bytes); err != nil {
			return certificate{}, fmt.Errorf("genSignedCert: CA key not from genCA: %v", err)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, template, parent, &key.PublicKey, signer)
	if err != nil {
		return certificate{}, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return certificate{}, err
	}
	return certificate{
		Cert: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		Key:  string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})),
	}, nil
}
