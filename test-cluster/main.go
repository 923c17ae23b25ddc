// Command test-cluster runs a real kube-apiserver with an embedded etcd in a
// single process, listening on 127.0.0.1 only. It is meant for tests and for
// trying RBAC Explorer without a cluster. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
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
		fmt.Fprintf(os.Stderr, "test-cluster: %v\n", err)
		return 1
	}
	return 0
}

func setupLogging(verbosity int) {
	kfs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(kfs)
	if verbosity < 0 {
		// Errors only: route every klog severity to nowhere, and copy
		// ERROR and above to stderr.
		_ = kfs.Set("logtostderr", "false")
		_ = kfs.Set("alsologtostderr", "false")
		_ = kfs.Set("stderrthreshold", "ERROR")
		klog.SetOutput(discard{})
	} else {
		_ = kfs.Set("logtostderr", "true")
		_ = kfs.Set("v", strconv.Itoa(verbosity))
	}
	// The API server's own loopback clients should not print the
	// deprecation warnings they provoke.
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func logf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "test-cluster: "+format+"\n", args...)
}

func start(c config) (retErr error) {
	setupLogging(c.verbosity)
	began := time.Now()

	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()

	kubeconfigPath, err := filepath.Abs(c.kubeconfig)
	if err != nil {
		return err
	}

	dataDir := c.dataDir
	tempDataDir := dataDir == ""
	if tempDataDir {
		if dataDir, err = os.MkdirTemp("", "rbac-explorer-test-cluster-"); err != nil {
			return err
		}
		defer os.RemoveAll(dataDir)
	} else if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	if dataDir, err = filepath.Abs(dataDir); err != nil {
		return err
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

	_, etcdURL, stopEtcd, err := startEtcd(filepath.Join(dataDir, "etcd"), c.verbosity >= 0)
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
		case err := <-serverDone:
			logf("kube-apiserver stopped")
			return err
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

	fail := func(err error) error {
		if shutdownErr := stopAndWait(); shutdownErr != nil {
			logf("%v", shutdownErr)
		}
		return err
	}

	if err := waitReady(ctx, adminConfig, serverDone, c.startupTimeout); err != nil {
		if ctx.Err() != nil {
			// Interrupted during startup: a clean, requested stop.
			return stopAndWait()
		}
		return fail(err)
	}

	// ClusterRole aggregation, as kube-controller-manager runs it.
	controllerCtx, stopController := context.WithCancel(context.Background())
	defer stopController()
	if err := startAggregation(controllerCtx, adminConfig); err != nil {
		return fail(err)
	}
	waitAggregated(ctx, adminConfig)

	if len(c.seeds) > 0 {
		created, existing, err := seed(ctx, rest.CopyConfig(adminConfig), c.seeds)
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
	if tempDataDir {
		// Its credentials die with the temporary CA: do not leave it behind.
		defer os.Remove(kubeconfigPath)
	}

	fmt.Printf("READY %s %s\n", kubeconfigPath, serverURL)
	fmt.Printf("# kube-apiserver (RBAC) is up after %.1fs; data dir %s\n", time.Since(began).Seconds(), dataDir)
	fmt.Printf("# Use it with:\n#   export KUBECONFIG=%s\n#   kubectl get clusterroles\n", kubeconfigPath)
	fmt.Printf("# Press Ctrl-C (or send SIGTERM) to stop.\n")
	_ = os.Stdout.Sync()

	var runErr error
	select {
	case <-ctx.Done():
		logf("signal received, shutting down")
	case runErr = <-serverDone:
		if runErr == nil {
			runErr = errors.New("kube-apiserver exited unexpectedly")
		}
		stopController()
		return fmt.Errorf("kube-apiserver: %w", runErr)
	}
	stopSignals() // a second signal kills the process right away
	stopController()
	return stopAndWait()
}

// startAPIServer configures kube-apiserver the way its command line would and
// runs it in a goroutine. The returned channel yields Run's result.
func startAPIServer(ctx context.Context, c config, certs *pki, listener net.Listener, port int, etcdURL string) (<-chan error, error) {
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
	done := make(chan error, 1)
	go func() { done <- prepared.Run(ctx) }()
	return done, nil
}

// waitReady polls /readyz with the admin credentials.
func waitReady(ctx context.Context, cfg *rest.Config, serverDone <-chan error, timeout time.Duration) error {
	cfg = rest.CopyConfig(cfg)
	cfg.Timeout = 5 * time.Second
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	var last string
	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, timeout, true, func(ctx context.Context) (bool, error) {
		select {
		case err := <-serverDone:
			if err == nil {
				err = errors.New("exited")
			}
			return false, fmt.Errorf("kube-apiserver stopped during startup: %w", err)
		default:
		}
		body, err := client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err != nil {
			last = err.Error()
			return false, nil
		}
		return string(body) == "ok", nil
	})
	if err != nil && ctx.Err() == nil && last != "" {
		return fmt.Errorf("waiting for /readyz: %w (last answer: %s)", err, last)
	}
	return err
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
