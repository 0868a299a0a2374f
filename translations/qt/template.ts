<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>QAbstractFileIconProvider</name>
    <message>
      <source>Drive</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>File Folder</source>
      <comment>Match Windows Explorer</comment>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Folder</source>
      <comment>All other platforms</comment>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unknown</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QAbstractSpinBox</name>
    <message>
      <source>&amp;Select All</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Step up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step &amp;down</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1
File not found.
Please verify the correct file name was given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 already exists.
Do you want to replace it?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Choose</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Look in:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New Folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Rename</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>'%1' is write protected.
Do you want to delete it anyway?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All Files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Are you sure you want to delete '%1'?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change to detail view mode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change to list view mode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not delete directory.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Create New Folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Create a New Folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Detail View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Directories</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Directory:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>File &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Find Directory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Forward</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Go back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Go forward</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Go to the parent directory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>List View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>List of places and bookmarks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New Folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Parent Directory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recent Places</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save As</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show &amp;hidden files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sidebar</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QFileSystemModel</name>
    <message>
      <source>&lt;b&gt;The name "%1" cannot be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuation marks.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Computer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date Modified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Invalid filename</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>My Computer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type</source>
      <comment>All other platforms</comment>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QLineEdit</name>
    <message>
      <source>&amp;Copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select All</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QMessageBox</name>
    <message>
      <source>Hide Details...</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show Details...</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>&amp;No</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Abort</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Apply</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Discard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ignore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>OK</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Retry</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save All</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QProgressDialog</name>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QScrollBar</name>
    <message>
      <source>Bottom</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Left edge</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Page down</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Page left</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Page right</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Page up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Right edge</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scroll down</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scroll here</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scroll left</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scroll right</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Scroll up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Top</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QWidgetTextControl</name>
    <message>
      <source>&amp;Copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Copy &amp;Link Location</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select All</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QWizard</name>
    <message>
      <source>&amp;Finish</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt; &amp;Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Commit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Help</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
