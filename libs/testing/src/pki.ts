/**
 * The test PKI lives in @profila/embedded (the development signer of the embedded mode uses the same code): tests keep
 * importing it from here.
 */
export {
  appendPageText,
  appendValidationData,
  type CadesOptions,
  createTestCa,
  issueSignerCertificate,
  type PadesOptions,
  type SignerCertificateOptions,
  signCades,
  signPades,
  type TestCa,
  type TestCaOptions,
  type TestCertificate,
  type TestSigner,
  toPemBundle,
} from '@profila/embedded';
