// Command test-cluster runs a real kube-apiserver with an embedded etcd in a
// single process, listening on 127.0.0.1 only. It is meant for tests and for
// trying RBAC Explorer without a cluster. See README.md.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"
	"k8s.io/kubernetes/pkg/controller/clusterroleaggregation"
)

const (
	contextName       = "rbac-explorer-test"
	serviceCIDR       = "10.96.0.0/12"
	serviceIP         = "10.96.0.1"
	serviceAccountIss = "https://kubernetes.default.svc.cluster.local"
)

type config struct {
	port           int
	kubeconfig     string
	dataDir        string
	seeds          []string
	apiserverArgs  []string
	startupTimeout time.Duration
	verbosity      int
}

func main() {
	os.Exit(run())
}

func run() int {
	var c config
	fs := pflag.NewFlagSet("test-cluster", pflag.ContinueOnError)
	fs.IntVar(&c.port, "port", 0, "secure port of the kube-apiserver on 127.0.0.1 (0 = pick a free port)")
	fs.StringVar(&c.kubeconfig, "kubeconfig", filepath.Join(".cluster", "kubeconfig"), "where to write the admin kubeconfig (relative paths are relative to the current directory)")
	fs.StringVar(&c.dataDir, "data-dir", "", "directory for etcd data and certificates, kept on exit (default: a temporary directory removed on exit)")
	fs.StringArrayVar(&c.seeds, "seed", nil, "YAML/JSON manifest file or directory to create after startup (repeatable)")
	fs.StringArrayVar(&c.apiserverArgs, "apiserver-arg", nil, "extra kube-apiserver flag, e.g. --apiserver-arg=--feature-gates=Foo=true (repeatable, advanced)")
	fs.DurationVar(&c.startupTimeout, "startup-timeout", 2*time.Minute, "give up when the API server is not ready within this time")
	fs.IntVar(&c.verbosity, "v", -1, "log verbosity of the API server and etcd; -1 shows errors only, 0 and up show info logs at that klog level")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: test-cluster [flags]\n\nRuns a kube-apiserver with RBAC and an embedded etcd on 127.0.0.1.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "test-cluster: unexpected arguments: %v\n", fs.Args())
		return 2
	}
	if c.port < 0 || c.port > 65535 {
		fmt.Fprintln(os.Stderr, "test-cluster: --port must be between 0 and 65535")
		return 2
	}
	if err := start(c); err != nil {
		if !errors.Is(err, errReported) {
			logf("%v", err)
		}
		return 1
	}
	return 0
}

// setupLogging configures klog, which the API server logs through. With
// verbosity < 0 only errors are shown, and those logged during startup are
// held back: a starting kube-apiserver always logs a few transient errors
// (e.g. "namespaces kube-system not found"). They are printed only if the
// startup fails; once ready, errors go straight to stderr.
func setupLogging(verbosity int) *startupLog {
	kfs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(kfs)
	// The API server's own loopback clients should not print the
	// deprecation warnings they provoke.
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
	if verbosity >= 0 {
		_ = kfs.Set("logtostderr", "true")
		_ = kfs.Set("v", strconv.Itoa(verbosity))
		return nil
	}
	_ = kfs.Set("logtostderr", "false")
	_ = kfs.Set("alsologtostderr", "false")
	_ = kfs.Set("stderrthreshold", "FATAL")
	gate := &startupLog{}
	// Every severity needs a writer, or klog would create log files.
	klog.SetOutputBySeverity("INFO", io.Discard)
	klog.SetOutputBySeverity("WARNING", io.Discard)
	klog.SetOutputBySeverity("ERROR", gate)
	klog.SetOutputBySeverity("FATAL", io.Discard)
	return gate
}

// startupLog keeps the last lines written before open, then passes through.
type startupLog struct {
	mu     sync.Mutex
	opened bool
	held   [][]byte
}

func (l *startupLog) Write(p []byte) (int, error) {
	// On klog.Fatal, the message and its stack already went to stderr;
	// klog repeats both here, followed by a dump of every goroutine.
	if len(p) > 1 && p[0] == 'F' && p[1] >= '0' && p[1] <= '9' || bytes.HasPrefix(p, []byte("goroutine ")) {
		return len(p), nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.opened {
		return os.Stderr.Write(p)
	}
	if len(l.held) >= 200 {
		l.held = l.held[1:]
	}
	l.held = append(l.held, append([]byte(nil), p...))
	return len(p), nil
}

// open drops (ok) or prints (failed) what was held back and passes later
// lines through. Safe on a nil *startupLog.
func (l *startupLog) open(failed bool) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if failed {
		for _, line := range l.held {
			_, _ = os.Stderr.Write(line)
		}
	}
	l.held = nil
	l.opened = true
}

func logf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "test-cluster: "+format+"\n", args...)
}

// errReported is returned by start when the error was already printed.
var errReported = errors.New("failed")

func start(c config) error {
	heldLog := setupLogging(c.verbosity)
	began := time.Now()
	defer heldLog.open(false)
	var etcdLog io.Writer = os.Stderr
	if heldLog != nil {
		etcdLog = heldLog
	}

	seedObjects, err := loadSeeds(c.seeds)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if len(c.seeds) > 0 && len(seedObjects) == 0 {
		logf("warning: no objects found in --seed %v", c.seeds)
	}

	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()

	kubeconfigPath, err := filepath.Abs(c.kubeconfig)
	if err != nil {
		return err
	}
	var kubeconfigWritten atomic.Bool

	dataDir := c.dataDir
	cleanup := func() {}
	if dataDir == "" {
		if dataDir, err = os.MkdirTemp("", "rbac-explorer-test-cluster-"); err != nil {
			return err
		}
		tempDir := dataDir
		cleanup = func() {
			_ = os.RemoveAll(tempDir)
			// The kubeconfig's credentials die with the temporary CA:
			// do not leave it behind.
			if kubeconfigWritten.Load() {
				_ = os.Remove(kubeconfigPath)
			}
		}
		defer cleanup()
	} else if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	if dataDir, err = filepath.Abs(dataDir); err != nil {
		return err
	}
	// kube-apiserver calls klog.Fatal (and so os.Exit) for some failures;
	// clean up on that path too.
	klog.OsExit = func(code int) {
		cleanup()
		os.Exit(code)
	}

	certs := newPKI(filepath.Join(dataDir, "pki"))
	if err := certs.ensure(net.ParseIP(serviceIP)); err != nil {
		return fmt.Errorf("certificates: %w", err)
	}

	// The API server's secure listener: opened here so that --port 0 gets a
	// port without any race, and so that it is bound to loopback only.
	listener, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)))
	if err != nil {
		return fmt.Errorf("listening on 127.0.0.1:%d: %w", c.port, err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	serverURL := fmt.Sprintf("https://127.0.0.1:%d", port)

	_, etcdURL, stopEtcd, err := startEtcd(filepath.Join(dataDir, "etcd"), c.verbosity >= 0, etcdLog)
	if err != nil {
		listener.Close()
		return err
	}
	defer func() {
		stopEtcd()
		logf("etcd stopped")
	}()

	// The API server runs until serverCtx is cancelled; its Run returns
	// only after a graceful shutdown.
	serverCtx, stopServer := context.WithCancel(context.Background())
	defer stopServer()
	serverDone, err := startAPIServer(serverCtx, c, certs, listener, port, etcdURL)
	if err != nil {
		return err
	}
	stopAndWait := func() error {
		stopServer()
		select {
		case <-serverDone.done:
			logf("kube-apiserver stopped")
			return serverDone.err
		case <-time.After(60 * time.Second):
			return errors.New("kube-apiserver did not shut down within 60s")
		}
	}

	adminConfig := &rest.Config{
		Host: serverURL,
		TLSClientConfig: rest.TLSClientConfig{
			CAData:   certs.caPEM,
			CertData: certs.adminCertPEM,
			KeyData:  certs.adminKeyPEM,
		},
		QPS:   100,
		Burst: 200,
	}

	// fail reports err first, then shuts down.
	fail := func(err error) error {
		logf("%v", err)
		if shutdownErr := stopAndWait(); shutdownErr != nil {
			logf("%v", shutdownErr)
		}
		return errReported
	}

	// A kube-apiserver stopped before its post-start hooks are done exits
	// through klog.Fatal. So a signal during startup is acted on once the
	// server is ready; a second signal kills the process at once.
	started := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			logf("signal received during startup: stopping as soon as the API server is up (signal again to kill)")
			stopSignals()
		case <-started:
		}
	}()
	err = waitReady(context.Background(), adminConfig, serverDone, c.startupTimeout)
	close(started)
	if err != nil {
		// The errors logged during startup may tell why. A graceful stop is
		// not possible before the post-start hooks are done (they would
		// klog.Fatal): exit right away. etcd copes with that like with a
		// killed process.
		heldLog.open(true)
		logf("%v", err)
		cleanup()
		os.Exit(1)
	}
	if ctx.Err() != nil {
		return stopAndWait()
	}

	// ClusterRole aggregation, as kube-controller-manager runs it.
	controllerCtx, stopController := context.WithCancel(context.Background())
	defer stopController()
	if err := startAggregation(controllerCtx, adminConfig); err != nil {
		return fail(err)
	}
	waitAggregated(ctx, adminConfig)

	if len(seedObjects) > 0 {
		created, existing, err := seed(ctx, rest.CopyConfig(adminConfig), seedObjects)
		if err != nil {
			if ctx.Err() != nil {
				stopController()
				return stopAndWait()
			}
			stopController()
			return fail(fmt.Errorf("seed: %w", err))
		}
		logf("seeded %d objects (%d already existed)", created, existing)
	}

	if err := writeKubeconfig(kubeconfigPath, serverURL, certs); err != nil {
		stopController()
		return fail(fmt.Errorf("writing kubeconfig: %w", err))
	}
	kubeconfigWritten.Store(true)

	heldLog.open(false)
	fmt.Printf("READY %s %s\n", kubeconfigPath, serverURL)
	fmt.Printf("# kube-apiserver (RBAC) is up after %.1fs; data dir %s\n", time.Since(began).Seconds(), dataDir)
	fmt.Printf("# Use it with:\n#   export KUBECONFIG=%s\n#   kubectl get clusterroles\n", kubeconfigPath)
	fmt.Printf("# Press Ctrl-C (or send SIGTERM) to stop.\n")
	_ = os.Stdout.Sync()

	select {
	case <-ctx.Done():
		logf("signal received, shutting down")
	case <-serverDone.done:
		stopController()
		if serverDone.err != nil {
			return fmt.Errorf("kube-apiserver: %w", serverDone.err)
		}
		return errors.New("kube-apiserver exited unexpectedly")
	}
	stopSignals() // a second signal kills the process right away
	stopController()
	return stopAndWait()
}

// serverRun tells when the API server's Run has returned, and with what.
type serverRun struct {
	done chan struct{} // closed when Run returned
	err  error         // Run's result, valid once done is closed
}

// startAPIServer configures kube-apiserver the way its command line would and
// runs it in a goroutine until ctx is cancelled.
func startAPIServer(ctx context.Context, c config, certs *pki, listener net.Listener, port int, etcdURL string) (*serverRun, error) {
	s := options.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	for _, f := range s.Flags().FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--cert-dir=" + certs.Dir,
		"--tls-cert-file=" + certs.ServingCert,
		"--tls-private-key-file=" + certs.ServingKey,
		"--client-ca-file=" + certs.CACert,
		"--authorization-mode=Node,RBAC",
		"--service-cluster-ip-range=" + serviceCIDR,
		"--service-account-issuer=" + serviceAccountIss,
		"--service-account-key-file=" + certs.ServiceAccountKey,
		"--service-account-signing-key-file=" + certs.ServiceAccountKey,
		"--api-audiences=" + serviceAccountIss,
		"--allow-privileged=true",
		// The lease reconciler would publish 127.0.0.1 as the endpoint of
		// the "kubernetes" Service, which Endpoints validation rejects (an
		// error every 10s). Nothing here runs inside the cluster anyway.
		"--endpoint-reconciler-type=none",
	}
	args = append(args, c.apiserverArgs...)
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("kube-apiserver flags: %w", err)
	}
	s.SecureServing.Listener = listener
	s.SecureServing.BindPort = port
	s.SecureServing.ExternalAddress = net.ParseIP("127.0.0.1")

	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return nil, err
	}
	completed, err := s.Complete(ctx)
	if err != nil {
		return nil, fmt.Errorf("kube-apiserver options: %w", err)
	}
	if errs := completed.Validate(); len(errs) > 0 {
		return nil, fmt.Errorf("kube-apiserver options: %v", errs)
	}
	cfg, err := app.NewConfig(completed)
	if err != nil {
		return nil, err
	}
	completedCfg, err := cfg.Complete()
	if err != nil {
		return nil, err
	}
	server, err := app.CreateServerChain(completedCfg)
	if err != nil {
		return nil, fmt.Errorf("creating kube-apiserver: %w", err)
	}
	prepared, err := server.PrepareRun()
	if err != nil {
		return nil, err
	}
	run := &serverRun{done: make(chan struct{})}
	go func() {
		defer close(run.done)
		run.err = prepared.Run(ctx)
	}()
	return run, nil
}

// waitReady polls /readyz with the admin credentials.
func waitReady(ctx context.Context, cfg *rest.Config, server *serverRun, timeout time.Duration) error {
	cfg = rest.CopyConfig(cfg)
	cfg.Timeout = 5 * time.Second
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	var last string
	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, timeout, true, func(ctx context.Context) (bool, error) {
		select {
		case <-server.done:
			err := server.err
			if err == nil {
				err = errors.New("exited")
			}
			return false, fmt.Errorf("kube-apiserver stopped during startup: %w", err)
		default:
		}
		body, err := client.Discovery().RESTClient().Get().AbsPath("/readyz").Param("verbose", "true").DoRaw(ctx)
		if err == nil {
			return true, nil
		}
		if ctx.Err() != nil || strings.Contains(err.Error(), "would exceed context deadline") {
			return false, nil // keep the last real answer
		}
		last = err.Error()
		// On 500 the body lists the checks: keep only the failing ones.
		var failing []string
		for _, line := range strings.Split(string(body), "\n") {
			if strings.HasPrefix(line, "[-]") {
				failing = append(failing, line)
			}
		}
		if len(failing) > 0 {
			last = strings.Join(failing, "; ")
		}
		return false, nil
	})
	if err != nil {
		if last != "" {
			return fmt.Errorf("kube-apiserver not ready within %v: %w (last answer: %s)", timeout, err, last)
		}
		return fmt.Errorf("kube-apiserver not ready within %v: %w", timeout, err)
	}
	return nil
}

func startAggregation(ctx context.Context, cfg *rest.Config) error {
	cfg = rest.CopyConfig(cfg)
	cfg.UserAgent = "clusterrole-aggregation-controller"
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactory(client, 0)
	controller := clusterroleaggregation.NewClusterRoleAggregation(factory.Rbac().V1().ClusterRoles(), client.RbacV1())
	factory.Start(ctx.Done())
	go controller.Run(ctx, 1)
	return nil
}

// waitAggregated waits (briefly, best effort) until the controller has filled
// in the built-in aggregated role "admin", so that the cluster looks settled
// when READY is printed.
func waitAggregated(ctx context.Context, cfg *rest.Config) {
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return
	}
	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, 15*time.Second, true, func(ctx context.Context) (bool, error) {
		role, err := client.RbacV1().ClusterRoles().Get(ctx, "admin", metav1.GetOptions{})
		return err == nil && len(role.Rules) > 0, nil
	})
	if err != nil && ctx.Err() == nil {
		logf("warning: ClusterRole admin not aggregated yet: %v", err)
	}
}

// writeKubeconfig writes an admin kubeconfig with everything embedded,
// atomically, so that a reader never sees half a file.
func writeKubeconfig(path, server string, certs *pki) error {
	kc := clientcmdapi.NewConfig()
	kc.Clusters[contextName] = &clientcmdapi.Cluster{
		Server:                   server,
		CertificateAuthorityData: certs.caPEM,
	}
	kc.AuthInfos[adminUser] = &clientcmdapi.AuthInfo{
		ClientCertificateData: certs.adminCertPEM,
		ClientKeyData:         certs.adminKeyPEM,
	}
	kc.Contexts[contextName] = &clientcmdapi.Context{Cluster: contextName, AuthInfo: adminUser}
	kc.CurrentContext = contextName
	data, err := clientcmd.Write(*kc)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kubeconfig-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
