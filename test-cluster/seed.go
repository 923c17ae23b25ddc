package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
)

type seedObject struct {
	obj    *unstructured.Unstructured
	source string
}

func (o seedObject) String() string {
	name := o.obj.GetName()
	if ns := o.obj.GetNamespace(); ns != "" {
		name = ns + "/" + name
	}
	return fmt.Sprintf("%s %s (from %s)", o.obj.GetKind(), name, o.source)
}

var crdGroupKind = schema.GroupKind{Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition"}

// loadSeeds reads every manifest below paths, so that a bad file is reported
// before anything is started.
func loadSeeds(paths []string) ([]seedObject, error) {
	var objs []seedObject
	for _, p := range paths {
		files, err := seedFiles(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			o, err := readManifests(f)
			if err != nil {
				return nil, err
			}
			objs = append(objs, o...)
		}
	}
	return objs, nil
}

// seed creates objs: namespaces first, then CustomResourceDefinitions
// (waiting until they are served), then the rest in file order. Objects that
// already exist are left alone.
func seed(ctx context.Context, cfg *rest.Config, objs []seedObject) (created, existing int, err error) {
	if len(objs) == 0 {
		return 0, 0, nil
	}

	rank := func(o seedObject) int {
		gk := o.obj.GroupVersionKind().GroupKind()
		switch {
		case gk == schema.GroupKind{Kind: "Namespace"}:
			return 0
		case gk == crdGroupKind:
			return 1
		default:
			return 2
		}
	}
	sort.SliceStable(objs, func(i, j int) bool { return rank(objs[i]) < rank(objs[j]) })

	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return 0, 0, err
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return 0, 0, err
	}

	crdsCreated := false
	for i, o := range objs {
		if i > 0 && rank(objs[i-1]) == 1 && rank(o) != 1 {
			// Custom resources can only be created once their CRDs are served.
			if err := waitForCRDs(ctx, dyn, objs); err != nil {
				return created, existing, err
			}
			mapper.Reset()
		}
		isCRD := rank(o) == 1
		ok, err := createObject(ctx, dyn, mapper, o, crdsCreated)
		if err != nil {
			return created, existing, fmt.Errorf("seeding %s: %w", o, err)
		}
		if ok {
			created++
		} else {
			existing++
		}
		crdsCreated = crdsCreated || isCRD
	}
	return created, existing, nil
}

// createObject returns true when it created the object, false when it existed.
func createObject(ctx context.Context, dyn dynamic.Interface, mapper *restmapper.DeferredDiscoveryRESTMapper, o seedObject, retryNoMatch bool) (bool, error) {
	gvk := o.obj.GroupVersionKind()
	var mapping *meta.RESTMapping
	err := wait.PollUntilContextTimeout(ctx, 500*time.Millisecond, 30*time.Second, true, func(ctx context.Context) (bool, error) {
		var err error
		mapping, err = mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
		if err == nil {
			return true, nil
		}
		if meta.IsNoMatchError(err) && retryNoMatch {
			// A CRD created a moment ago may not be in discovery yet.
			mapper.Reset()
			return false, nil
		}
		return false, err
	})
	if err != nil {
		return false, fmt.Errorf("no API for %s: %w", gvk, err)
	}

	var ri dynamic.ResourceInterface = dyn.Resource(mapping.Resource)
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		ns := o.obj.GetNamespace()
		if ns == "" {
			ns = metav1.NamespaceDefault
			o.obj.SetNamespace(ns)
		}
		ri = dyn.Resource(mapping.Resource).Namespace(ns)
	} else {
		o.obj.SetNamespace("")
	}
	_, err = ri.Create(ctx, o.obj, metav1.CreateOptions{FieldManager: "rbac-explorer-test-cluster"})
	if apierrors.IsAlreadyExists(err) {
		return false, nil
	}
	return err == nil, err
}

func waitForCRDs(ctx context.Context, dyn dynamic.Interface, objs []seedObject) error {
	crds := dyn.Resource(schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"})
	for _, o := range objs {
		if o.obj.GroupVersionKind().GroupKind() != crdGroupKind {
			continue
		}
		name := o.obj.GetName()
		err := wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, 60*time.Second, true, func(ctx context.Context) (bool, error) {
			crd, err := crds.Get(ctx, name, metav1.GetOptions{})
			if err != nil {
				return false, nil
			}
			conds, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
			for _, c := range conds {
				m, _ := c.(map[string]interface{})
				if m["type"] == "Established" && m["status"] == "True" {
					return true, nil
				}
			}
			return false, nil
		})
		if err != nil {
			return fmt.Errorf("CustomResourceDefinition %s not established: %w", name, err)
		}
	}
	return nil
}

// seedFiles expands a --seed argument: a file as is, a directory recursively
// to its *.yaml, *.yml and *.json files in lexical order.
func seedFiles(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json":
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// readManifests decodes a multi-document YAML or JSON file; List kinds are
// flattened into their items.
func readManifests(path string) ([]seedObject, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := utilyaml.NewYAMLOrJSONDecoder(f, 4096)
	var out []seedObject
	for doc := 1; ; doc++ {
		var m map[string]interface{}
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, fmt.Errorf("%s: document %d: %w", path, doc, err)
		}
		if len(m) == 0 {
			continue
		}
		u := &unstructured.Unstructured{Object: m}
		if u.IsList() {
			err := u.EachListItem(func(item runtime.Object) error {
				iu := item.(*unstructured.Unstructured)
				if err := checkObject(iu); err != nil {
					return err
				}
				out = append(out, seedObject{obj: iu, source: path})
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("%s: document %d: %w", path, doc, err)
			}
			continue
		}
		if err := checkObject(u); err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", path, doc, err)
		}
		out = append(out, seedObject{obj: u, source: path})
	}
}

func checkObject(u *unstructured.Unstructured) error {
	if u.GetAPIVersion() == "" || u.GetKind() == "" {
		return errors.New("object without apiVersion or kind")
	}
	if u.GetName() == "" && u.GetGenerateName() == "" {
		return fmt.Errorf("%s without metadata.name", u.GetKind())
	}
	return nil
}
