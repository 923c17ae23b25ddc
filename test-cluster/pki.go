package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pki holds the file locations of all credentials the test cluster uses.
// Everything lives below <data-dir>/pki and is reused when the data dir is
// reused, so kubeconfigs and service account tokens stay valid across
// restarts with a persistent --data-dir.
type pki struct {
	Dir string

	CACert, CAKey                    string // cluster CA: signs the serving and client certs
	ServingCert, ServingKey          string // kube-apiserver serving cert (127.0.0.1, localhost, ...)
	AdminCert, AdminKey              string // client cert, O=system:masters
	ServiceAccountKey                string // private key that signs service account tokens
	caPEM, adminCertPEM, adminKeyPEM []byte
}

const (
	adminUser       = "rbac-explorer-admin"
	adminGroup      = "system:masters"
	certValidity    = 365 * 24 * time.Hour
	caValidity      = 10 * 365 * 24 * time.Hour
	renewBeforeLeft = 24 * time.Hour
)

func newPKI(dir string) *pki {
	j := func(name string) string { return filepath.Join(dir, name) }
	return &pki{
		Dir:               dir,
		CACert:            j("ca.crt"),
		CAKey:             j("ca.key"),
		ServingCert:       j("apiserver.crt"),
		ServingKey:        j("apiserver.key"),
		AdminCert:         j("admin.crt"),
		AdminKey:          j("admin.key"),
		ServiceAccountKey: j("sa.key"),
	}
}

// ensure creates whatever is missing (or expiring) and loads what the
// kubeconfig needs.
func (p *pki) ensure(serviceIP net.IP) error {
	if err := os.MkdirAll(p.Dir, 0o700); err != nil {
		return err
	}

	caCert, caKey, err := loadPair(p.CACert, p.CAKey)
	if err != nil {
		// No (usable) CA: start over, every leaf must be re-signed.
		caKey, err = newKey()
		if err != nil {
			return err
		}
		now := time.Now()
		tmpl := &x509.Certificate{
			SerialNumber:          randSerial(),
			Subject:               pkix.Name{CommonName: "rbac-explorer-test-ca"},
			NotBefore:             now.Add(-time.Hour),
			NotAfter:              now.Add(caValidity),
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
			BasicConstraintsValid: true,
			IsCA:                  true,
		}
		caCert, err = writeCert(p.CACert, p.CAKey, tmpl, tmpl, caKey, caKey)
		if err != nil {
			return err
		}
		_ = os.Remove(p.ServingCert)
		_ = os.Remove(p.AdminCert)
	}

	leaf := func(certPath, keyPath string, tmpl *x509.Certificate) error {
		if c, _, err := loadPair(certPath, keyPath); err == nil && c.CheckSignatureFrom(caCert) == nil {
			return nil
		}
		key, err := newKey()
		if err != nil {
			return err
		}
		now := time.Now()
		tmpl.SerialNumber = randSerial()
		tmpl.NotBefore = now.Add(-time.Hour)
		tmpl.NotAfter = now.Add(certValidity)
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		tmpl.BasicConstraintsValid = true
		_, err = writeCert(certPath, keyPath, tmpl, caCert, key, caKey)
		return err
	}

	ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	if serviceIP != nil {
		ips = append(ips, serviceIP)
	}
	if err := leaf(p.ServingCert, p.ServingKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames: []string{"localhost", "kubernetes", "kubernetes.default",
			"kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
		IPAddresses: ips,
	}); err != nil {
		return fmt.Errorf("serving certificate: %w", err)
	}
	if err := leaf(p.AdminCert, p.AdminKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: adminUser, Organization: []string{adminGroup}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return fmt.Errorf("admin client certificate: %w", err)
	}

	if _, err := loadKey(p.ServiceAccountKey); err != nil {
		key, err := newKey()
		if err != nil {
			return err
		}
		if err := writeKey(p.ServiceAccountKey, key); err != nil {
			return err
		}
	}

	if p.caPEM, err = os.ReadFile(p.CACert); err != nil {
		return err
	}
	if p.adminCertPEM, err = os.ReadFile(p.AdminCert); err != nil {
		return err
	}
	if p.adminKeyPEM, err = os.ReadFile(p.AdminKey); err != nil {
		return err
	}
	return nil
}

func newKey() (*ecdsa.PrivateKey, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }

func randSerial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		panic(err)
	}
	return n.Add(n, big.NewInt(1))
}

func writeCert(certPath, keyPath string, tmpl, parent *x509.Certificate, key *ecdsa.PrivateKey, signer crypto.Signer) (*x509.Certificate, error) {
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	if err := writeKey(keyPath, key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return nil, err
	}
	return cert, nil
}

func writeKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), 0o600)
}

func loadKey(path string) (*ecdsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "EC PRIVATE KEY" {
		return nil, errors.New("no EC private key in " + path)
	}
	return x509.ParseECPrivateKey(block.Bytes)
}

// loadPair returns the certificate and key if both exist, match and the
// certificate is not about to expire.
func loadPair(certPath, keyPath string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	key, err := loadKey(keyPath)
	if err != nil {
		return nil, nil, err
	}
	data, err := os.ReadFile(certPath)
	if err != nil {
		return nil, nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, nil, errors.New("no certificate in " + certPath)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, nil, err
	}
	if time.Until(cert.NotAfter) < renewBeforeLeft {
		return nil, nil, errors.New(certPath + " expires soon")
	}
	if pub, ok := cert.PublicKey.(*ecdsa.PublicKey); !ok || !pub.Equal(key.Public()) {
		return nil, nil, errors.New(certPath + " does not match " + keyPath)
	}
	return cert, key, nil
}
